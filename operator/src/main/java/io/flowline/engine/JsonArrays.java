package io.flowline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The JSON arrays of forEach: array params in, children's outputs out. */
final class JsonArrays {
  private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private JsonArrays() {
  }

  /** The elements of a JSON array whose elements are all strings; empty for anything else. */
  static Optional<List<String>> strings(String text) {
    Optional<JsonNode> array = array(text);
    if (array.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array.get()) {
      if (!element.isTextual()) {
        return Optional.empty();
      }
      values.add(element.textValue());
    }
    return Optional.of(values);
  }

  /**
   * The elements of any JSON array as text: strings as they are, null as "", other values as their JSON
   * (1, true, {"a":1}). Empty when the text is not a JSON array.
   */
  static Optional<List<String>> elements(String text) {
    Optional<JsonNode> array = array(text);
    if (array.isEmpty()) {
      return Optional.empty();
    }
    List<String> values = new ArrayList<>();
    for (JsonNode element : array.get()) {
      values.add(element.isTextual() ? element.textValue() : element.isNull() ? "" : element.toString());
    }
    return Optional.of(values);
  }

  /** A JSON array of the strings, in order. */
  static String of(List<String> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a list of strings is always JSON", e);
    }
  }

  private static Optional<JsonNode> array(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isArray() ? Optional.of(node) : Optional.empty();
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }
}
