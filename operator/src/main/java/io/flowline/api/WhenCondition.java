package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One condition of a node's {@code when}: the node runs only if its substituted input is (not) among the values. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class WhenCondition {
  @JsonPropertyDescription("The text compared, with substitutions applied: $(params.NAME), $(run.name), "
      + "$(run.namespace), $(run.uid), $(run.correlationId), $(pipeline.name), and $(nodes.NODE.outputs.NAME) of an "
      + "ancestor (a skipped ancestor, or one that failed with allowFailure, gives \"\"). In a finally node also "
      + "$(run.status) and $(nodes.NODE.phase). Compared exactly, case included.")
  @Required
  private String input;

  @JsonPropertyDescription("in: the input must equal one of values; notin: it must equal none of them.")
  @Required
  private WhenOperator operator;

  @JsonPropertyDescription("The values the input is compared with (at least one; \"\" matches an empty input).")
  @Required
  @Size(min = 1)
  private List<String> values = new ArrayList<>();

  public WhenCondition() {
  }

  public WhenCondition(String input, WhenOperator operator, List<String> values) {
    this.input = input;
    this.operator = operator;
    setValues(values);
  }

  public String getInput() { return input; }
  public void setInput(String input) { this.input = input; }
  public WhenOperator getOperator() { return operator; }
  public void setOperator(WhenOperator operator) { this.operator = operator; }
  public List<String> getValues() { return values; }
  public void setValues(List<String> values) { this.values = values == null ? new ArrayList<>() : values; }
}
