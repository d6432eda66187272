package io.flowline.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplateSpec;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A node laid over its template: each field the node sets replaces the template's as a whole (lists, maps,
 * retry, resources alike), except params, which merge by name. A field counts as set when it is not null and
 * not empty: an empty list, map, object or string keeps the template's. (The model drops empty values when it is
 * written, e.g. into a run's snapshot, so an explicitly empty list could not survive anyway.)
 *
 * <p>Merged as JSON trees, field by field, so a field added to the node model later is merged without a change
 * here. The result is a new node that shares nothing with its inputs and carries no templateRef.
 */
public final class NodeTemplateMerge {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  /** Fields only a node has: a template given as a node (in tests) must not lend its place in the DAG. */
  private static final List<String> NODE_ONLY = List.of("name", "dependsOn", "templateRef", "when", "forEach",
      "maxParallel");
  private static final String PARAMS = "params";

  private NodeTemplateMerge() {
  }

  public static NodeSpec merge(NodeTemplateSpec template, NodeSpec node) {
    ObjectNode merged = template == null ? JSON.createObjectNode() : JSON.valueToTree(template);
    NODE_ONLY.forEach(merged::remove);
    ObjectNode own = JSON.valueToTree(node);
    own.remove("templateRef");
    for (Iterator<Map.Entry<String, JsonNode>> fields = own.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      if (value == null || value.isNull() || (value.isContainerNode() && value.isEmpty())) {
        continue;
      }
      merged.set(field.getKey(), field.getKey().equals(PARAMS) ? paramsByName(merged.get(PARAMS), value) : value);
    }
    try {
      return JSON.treeToValue(merged, NodeSpec.class);
    } catch (JsonProcessingException e) {
      // Both trees were written from the model, so they read back.
      throw new IllegalStateException("cannot merge node " + node.getName() + " with its template", e);
    }
  }

  /**
   * The template's params in their order, each replaced by the node's param of the same name, then the node's
   * other params in theirs. An entry without a name cannot match: it is kept for the validator to report.
   */
  private static ArrayNode paramsByName(JsonNode templateParams, JsonNode nodeParams) {
    ArrayNode result = JSON.createArrayNode();
    ArrayNode remaining = nodeParams.deepCopy();
    if (templateParams != null && templateParams.isArray()) {
      for (JsonNode param : templateParams) {
        result.add(takeByName(remaining, nameOf(param)).orElse(param));
      }
    }
    result.addAll(remaining);
    return result;
  }

  private static Optional<JsonNode> takeByName(ArrayNode params, String name) {
    if (name == null) {
      return Optional.empty();
    }
    for (int i = 0; i < params.size(); i++) {
      if (name.equals(nameOf(params.get(i)))) {
        return Optional.of(params.remove(i));
      }
    }
    return Optional.empty();
  }

  private static String nameOf(JsonNode param) {
    JsonNode name = param == null ? null : param.get("name");
    return name != null && name.isTextual() ? name.asText() : null;
  }
}
