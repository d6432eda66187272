package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Param types; values are always strings in YAML and are checked against the type's grammar. */
public enum ParamType {
  @JsonProperty("string") STRING,
  @JsonProperty("integer") INTEGER,
  @JsonProperty("number") NUMBER,
  @JsonProperty("boolean") BOOLEAN,
  @JsonProperty("date") DATE,
  @JsonProperty("datetime") DATETIME,
  /** A JSON array of strings written as one string, e.g. '["eu","us"]': the items of a forEach. */
  @JsonProperty("array") ARRAY
}
