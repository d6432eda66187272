package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.List;

/** Where a fan-out node's items come from: exactly one of items, param or output. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ForEachSpec {
  public static final int MAX_ITEMS = 1000;
  public static final String OUTPUT_PATTERN = "^nodes\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?\\.outputs\\.[A-Za-z_][A-Za-z0-9_.-]*$";

  @JsonPropertyDescription("Literal items, one child per item, at most 1000.")
  @Size(max = MAX_ITEMS)
  private List<String> items;

  @JsonPropertyDescription("Name of a param of type array (a JSON array of strings, e.g. '[\"eu\",\"us\"]'): one "
      + "child per element. A pipeline param, or a param of this node.")
  private String param;

  @JsonPropertyDescription("An ancestor's output holding a JSON array, written nodes.NODE.outputs.NAME: one child "
      + "per element (strings as they are, other values as JSON text). Read when this node is ready; more than "
      + "1000 elements fail the node (reason TooManyItems), text that is not a JSON array fails it (reason "
      + "InvalidItems).")
  @Pattern(OUTPUT_PATTERN)
  private String output;

  public ForEachSpec() {
  }

  public static ForEachSpec ofItems(List<String> items) {
    ForEachSpec spec = new ForEachSpec();
    spec.setItems(items);
    return spec;
  }

  public List<String> getItems() { return items; }
  public void setItems(List<String> items) { this.items = items; }
  public String getParam() { return param; }
  public void setParam(String param) { this.param = param; }
  public String getOutput() { return output; }
  public void setOutput(String output) { this.output = output; }
}
