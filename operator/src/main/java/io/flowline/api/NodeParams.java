package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

public class NodeParams {
  @JsonPropertyDescription("Name of a node of the pipeline that declares params.")
  @Required
  @Size(min = 1, max = 63)
  @Pattern(NodeSpec.NAME_PATTERN)
  private String node;

  @JsonPropertyDescription("Values of that node's params.")
  private List<ParamValue> params = new ArrayList<>();

  public NodeParams() {
  }

  public NodeParams(String node, List<ParamValue> params) {
    this.node = node;
    this.params = params;
  }

  public String getNode() { return node; }
  public void setNode(String node) { this.node = node; }
  public List<ParamValue> getParams() { return params; }
  public void setParams(List<ParamValue> params) { this.params = params == null ? new ArrayList<>() : params; }
}
