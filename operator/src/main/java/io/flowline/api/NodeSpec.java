package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** One node of a pipeline: its place in the DAG, an optional template, and the container fields it sets itself. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "templateRef", "dependsOn"})
public class NodeSpec extends NodeTemplateSpec {
  public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";

  @JsonPropertyDescription("Node name: a DNS-1123 label (lower case letters, digits and '-', at most 63 "
      + "characters), unique within the pipeline.")
  @Required
  @Pattern(NAME_PATTERN)
  @Size(min = 1, max = 63)
  private String name;

  @JsonPropertyDescription("Nodes that must finish before this one starts (the DAG edges). A node starts when every "
      + "dependency Succeeded, or Failed with allowFailure. No dependsOn = a root node, started at once.")
  private List<@Pattern(NAME_PATTERN) @Size(min = 1, max = 63) String> dependsOn = new ArrayList<>();

  @JsonPropertyDescription("A NodeTemplate of the pipeline's namespace (the run's namespace for an inline "
      + "pipelineSpec) this node is based on. Each field set on the node replaces the template's, except params, "
      + "which merge by name (a node param replaces the template param of the same name, the others are kept). "
      + "An empty list or map counts as not set: it keeps the template's. A missing template makes the Pipeline "
      + "Invalid until it exists; a run snapshots the resolved node, so editing a template never changes a "
      + "started run.")
  private TemplateRef templateRef;

  @JsonPropertyDescription("Fan-out: run this node once per item, as child nodes <node>-0, <node>-1, ... (Jobs "
      + "<run>-<node>-<i>-<attempt>) that see $(item) and $(item.index). Each child retries on its own; the node "
      + "succeeds when every child succeeds, a child that fails (retries used up, no allowFailure) fails it, and "
      + "its dependents wait for all children. $(nodes.<node>.outputs.X) is the JSON array of the children's "
      + "values in item order. No items: the node succeeds at once with [] outputs. spec.retry re-runs only the "
      + "failed children.")
  private ForEachSpec forEach;

  @JsonPropertyDescription("With forEach: how many children run at once (default: all).")
  @Min(1)
  @Max(ForEachSpec.MAX_ITEMS)
  private Integer maxParallel;

  @JsonPropertyDescription("Conditions that must all hold for the node to run, evaluated once, when the node is "
      + "otherwise ready to start (its dependencies finished). If one does not hold the node is Skipped (reason "
      + "WhenNotMet, its message shows the evaluated input), its outputs resolve to \"\" and its dependents still "
      + "run. A Skipped node is never started later: spec.retry does not evaluate it again (it resets only Failed "
      + "and Cancelled nodes, and finally nodes), while a rerun (spec.rerunOf) evaluates it anew. spec.skipNodes "
      + "wins over when.")
  private List<WhenCondition> when = new ArrayList<>();

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public List<String> getDependsOn() { return dependsOn; }
  public void setDependsOn(List<String> dependsOn) { this.dependsOn = dependsOn == null ? new ArrayList<>() : dependsOn; }
  public TemplateRef getTemplateRef() { return templateRef; }
  public void setTemplateRef(TemplateRef templateRef) { this.templateRef = templateRef; }
  public ForEachSpec getForEach() { return forEach; }
  public void setForEach(ForEachSpec forEach) { this.forEach = forEach; }
  public Integer getMaxParallel() { return maxParallel; }
  public void setMaxParallel(Integer maxParallel) { this.maxParallel = maxParallel; }
  public List<WhenCondition> getWhen() { return when; }
  public void setWhen(List<WhenCondition> when) { this.when = when == null ? new ArrayList<>() : when; }
}
