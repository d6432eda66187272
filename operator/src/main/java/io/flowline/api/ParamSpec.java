package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ParamSpec {
  public static final String NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_-]*$";

  @JsonPropertyDescription("Param name, referenced as $(params.NAME). Letters, digits, '_' and '-', not starting "
      + "with a digit or '-'.")
  @Required
  @Pattern(NAME_PATTERN)
  private String name;

  @JsonPropertyDescription("Value type: string (default), integer (-?[0-9]+), number (decimal or exponent form), "
      + "boolean (true|false), date (YYYY-MM-DD, a real calendar day), datetime (RFC 3339 with offset) or array (a "
      + "JSON array of strings, e.g. '[\"eu\",\"us\"]', the items of a forEach). "
      + "Values are always written as strings.")
  private ParamType type;

  @JsonPropertyDescription("true: a run must give a value (a default is then not allowed).")
  private Boolean required;

  @JsonProperty("default")
  @JsonPropertyDescription("Value used when a run gives none, written as a string and checked against type and enum. "
      + "An optional param needs one unless it is a string param that may be empty.")
  private String defaultValue;

  @JsonProperty("enum")
  @JsonPropertyDescription("Allowed values; empty means any value of the type.")
  private List<String> allowedValues = new ArrayList<>();

  @JsonPropertyDescription("Free text describing the param.")
  private String description;

  public ParamSpec() {
  }

  public ParamSpec(String name, ParamType type) {
    this.name = name;
    this.type = type;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public ParamType getType() { return type; }
  public void setType(ParamType type) { this.type = type; }
  public Boolean getRequired() { return required; }
  public void setRequired(Boolean required) { this.required = required; }
  public String getDefaultValue() { return defaultValue; }
  public void setDefaultValue(String defaultValue) { this.defaultValue = defaultValue; }
  public List<String> getAllowedValues() { return allowedValues; }
  public void setAllowedValues(List<String> allowedValues) { this.allowedValues = allowedValues == null ? new ArrayList<>() : allowedValues; }
  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }

  public ParamType effectiveType() {
    return type == null ? ParamType.STRING : type;
  }

  public boolean isRequired() {
    return Boolean.TRUE.equals(required);
  }
}
