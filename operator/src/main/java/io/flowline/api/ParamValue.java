package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

public class ParamValue {
  @JsonPropertyDescription("Name of a declared param.")
  @Required
  @Pattern(ParamSpec.NAME_PATTERN)
  private String name;

  @JsonPropertyDescription("Param value, always a string; checked against the param's type and enum.")
  @Required
  private String value;

  public ParamValue() {
  }

  public ParamValue(String name, String value) {
    this.name = name;
    this.value = value;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getValue() { return value; }
  public void setValue(String value) { this.value = value; }
}
