package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

public class PipelineRef {
  @JsonPropertyDescription("Name of a Pipeline in the run's namespace.")
  @Required
  private String name;

  public PipelineRef() {
  }

  public PipelineRef(String name) {
    this.name = name;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
}
