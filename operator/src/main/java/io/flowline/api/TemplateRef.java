package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** A node's reference to the NodeTemplate it is based on. */
public class TemplateRef {
  @JsonPropertyDescription("Name of a NodeTemplate in the pipeline's namespace ("
      + KubernetesNames.DNS_SUBDOMAIN_RULE + ").")
  @Required
  @Size(min = 1, max = KubernetesNames.DNS_SUBDOMAIN_MAX_LENGTH)
  @Pattern(KubernetesNames.DNS_SUBDOMAIN_PATTERN)
  private String name;

  public TemplateRef() {
  }

  public TemplateRef(String name) {
    this.name = name;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
