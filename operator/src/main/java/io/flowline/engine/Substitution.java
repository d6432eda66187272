package io.flowline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flowline's {@code $(EXPR)} substitution in node command, args, env values and workingDir.
 *
 * <p>Scanning follows the kubelet's own {@code $(VAR)} expansion so both agree on what a reference is:
 * {@code $$} is an escaped dollar (kept as is, and never starts a reference), and a reference ends at the
 * first {@code ')'}. One difference, for shell scripts: text such as {@code $(cat $(params.file))} is shell
 * command substitution around a Flowline reference, so a {@code $(} whose text up to the next {@code ')'}
 * holds another {@code '('} is not a reference itself and the scan continues inside it.
 *
 * <p>Only expressions starting with {@code params.}, {@code nodes.}, {@code run.}, {@code pipeline.} or
 * {@code node.}, and {@code item} and {@code item.index} (forEach), are Flowline's; anything else ({@code $(HOME)}) is left for the kubelet.
 *
 * <p>The kubelet expands command, args and env values once more after Flowline did, so a value inserted there
 * must reach it escaped ({@link #applyForKubelet}): otherwise a param {@code a$$b} would arrive as {@code a$b} and
 * an output {@code $(HOME)} as the home directory. workingDir is not expanded by the kubelet and gets the value as
 * is ({@link #apply}).
 */
public final class Substitution {
  private static final List<String> FLOWLINE_PREFIXES = List.of("params.", "nodes.", "run.", "pipeline.", "node.");

  private Substitution() {
  }

  /**
   * Replaces every {@code $(EXPR)} whose EXPR is a key of {@code values}; any other {@code $(...)} and every
   * {@code $$(} pass through untouched. Values are inserted raw and not scanned again. Null template: null.
   */
  public static String apply(String template, Map<String, String> values) {
    return substitute(template, values, false);
  }

  /**
   * Like {@link #apply}, but every {@code $} of an inserted value is doubled, so that after the kubelet's own
   * expansion (which turns {@code $$} into {@code $}) the container sees the value exactly as given. The template's
   * own text is left as written: {@code $(HOME)} and {@code $$(} still mean what they mean to the kubelet.
   */
  public static String applyForKubelet(String template, Map<String, String> values) {
    return substitute(template, values, true);
  }

  private static String substitute(String template, Map<String, String> values, boolean escapeDollars) {
    if (template == null || values == null || values.isEmpty() || template.indexOf("$(") < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length());
    int copiedUpTo = 0;
    for (Reference ref = next(template, 0); ref != null; ref = next(template, ref.end)) {
      String value = values.get(ref.expression);
      if (value != null) {
        out.append(template, copiedUpTo, ref.start).append(escapeDollars ? value.replace("$", "$$") : value);
        copiedUpTo = ref.end;
      }
    }
    return out.append(template, copiedUpTo, template.length()).toString();
  }

  /**
   * The expressions of Flowline's own references in the template, in order of appearance (repeats
   * included): {@code "$(params.a) $(HOME) $$(params.b) $(nodes.x.outputs.y)"} gives
   * {@code [params.a, nodes.x.outputs.y]}. Null template: empty list.
   */
  public static List<String> references(String template) {
    List<String> found = new ArrayList<>();
    if (template == null) {
      return found;
    }
    for (Reference ref = next(template, 0); ref != null; ref = next(template, ref.end)) {
      if (isFlowline(ref.expression)) {
        found.add(ref.expression);
      }
    }
    return found;
  }

  private static boolean isFlowline(String expression) {
    if (expression.equals("item") || expression.startsWith("item.")) {
      return true;
    }
    for (String prefix : FLOWLINE_PREFIXES) {
      if (expression.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** The next {@code $(EXPR)} at or after {@code from}, or null. */
  private static Reference next(String text, int from) {
    int i = from;
    int length = text.length();
    while (i < length - 1) {
      if (text.charAt(i) != '$') {
        i++;
      } else if (text.charAt(i + 1) == '$') {
        i += 2; // escaped dollar: "$$(" never starts a reference
      } else if (text.charAt(i + 1) == '(') {
        int paren = i + 2;
        while (paren < length && text.charAt(paren) != ')' && text.charAt(paren) != '(') {
          paren++;
        }
        if (paren == length) {
          return null;
        }
        if (text.charAt(paren) == ')') {
          return new Reference(i, paren + 1, text.substring(i + 2, paren));
        }
        i += 2; // "$(cmd $(params.x))": not a reference itself, look for references inside
      } else {
        i++;
      }
    }
    return null;
  }

  /** {@code text[start, end)} is {@code $(expression)}. */
  private record Reference(int start, int end, String expression) {
  }
}
