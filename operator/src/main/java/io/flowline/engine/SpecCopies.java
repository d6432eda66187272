package io.flowline.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.flowline.api.NodeSpec;

/** Deep copies of spec objects, so a derived node never shares lists with the frozen snapshot. */
final class SpecCopies {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SpecCopies() {
  }

  static NodeSpec copy(NodeSpec node) {
    return MAPPER.convertValue(node, NodeSpec.class);
  }
}
