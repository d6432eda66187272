package io.flowline.engine;

import io.flowline.api.ForEachSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The items of a forEach node, read when the node is ready: literal items, an array param's value, or an
 * ancestor's output holding a JSON array.
 */
public final class ForEachItems {
  public static final String TOO_MANY_ITEMS = "TooManyItems";
  public static final String INVALID_ITEMS = "InvalidItems";

  private ForEachItems() {
  }

  /** The items, or why the node fails without starting a child. */
  public record Result(List<String> items, String reason, String message) {
    static Result of(List<String> items) {
      return new Result(List.copyOf(items), null, null);
    }

    static Result failure(String reason, String message) {
      return new Result(List.of(), reason, message);
    }

    public boolean ok() {
      return reason == null;
    }
  }

  /**
   * @param params the values the node sees: pipeline params and its own
   * @param outputs outputs of finished nodes, node name to (output name to value)
   */
  public static Result resolve(ForEachSpec forEach, Map<String, String> params,
      Map<String, Map<String, String>> outputs) {
    if (forEach.getItems() != null && !forEach.getItems().isEmpty()) {
      return bounded(forEach.getItems(), "forEach.items");
    }
    if (forEach.getParam() != null) {
      String value = params.get(forEach.getParam());
      Optional<List<String>> items = JsonArrays.strings(value);
      return items.map(list -> bounded(list, "param " + forEach.getParam()))
          .orElseGet(() -> Result.failure(INVALID_ITEMS, "forEach.param: param " + forEach.getParam() + " = "
              + Quote.of(Messages.abbreviate(String.valueOf(value), 200)) + " is not a JSON array of strings"));
    }
    if (forEach.getOutput() != null) {
      String value = output(forEach.getOutput(), outputs);
      Optional<List<String>> items = JsonArrays.elements(value);
      return items.map(list -> bounded(list, forEach.getOutput()))
          .orElseGet(() -> Result.failure(INVALID_ITEMS, "forEach.output: " + forEach.getOutput() + " = "
              + Quote.of(Messages.abbreviate(String.valueOf(value), 200)) + " is not a JSON array"));
    }
    return Result.of(List.of());
  }

  private static Result bounded(List<String> items, String source) {
    if (items.size() > ForEachSpec.MAX_ITEMS) {
      return Result.failure(TOO_MANY_ITEMS, source + " has " + items.size() + " items; a forEach takes at most "
          + ForEachSpec.MAX_ITEMS);
    }
    return Result.of(items);
  }

  /** The value of "nodes.N.outputs.O"; null when N has not given it. */
  private static String output(String reference, Map<String, Map<String, String>> outputs) {
    String rest = reference.substring("nodes.".length());
    int dot = rest.indexOf('.');
    String node = rest.substring(0, dot);
    String name = rest.substring(dot + ".outputs.".length());
    Map<String, String> values = outputs.get(node);
    return values == null ? null : values.get(name);
  }
}
