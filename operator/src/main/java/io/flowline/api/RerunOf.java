package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RerunOf {
  @JsonPropertyDescription("Name of an earlier, finished run of the same Pipeline, in this namespace.")
  @Required
  @Size(min = 1, max = KubernetesNames.DNS_SUBDOMAIN_MAX_LENGTH)
  @Pattern(KubernetesNames.DNS_SUBDOMAIN_PATTERN)
  private String name;

  @JsonPropertyDescription("Nodes to run again with everything downstream of them, even if they succeeded in the "
      + "source; nodes that did not succeed there run again anyway. Empty = rerun only what did not succeed. Each "
      + "must be a node of the Pipeline (else RerunSourceInvalid).")
  private List<@Pattern(NodeSpec.NAME_PATTERN) @Size(min = 1, max = 63) String> fromNodes = new ArrayList<>();

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public List<String> getFromNodes() { return fromNodes; }
  public void setFromNodes(List<String> fromNodes) { this.fromNodes = fromNodes == null ? new ArrayList<>() : fromNodes; }
}
