package io.flowline.engine;

import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.List;

/** The nodes a run executes: the main nodes, then the finally nodes (names are unique across both). */
public final class PipelineNodes {
  private PipelineNodes() {
  }

  /** Main nodes first, then finally nodes, in declaration order; null entries left out. */
  public static List<NodeSpec> all(PipelineSpec spec) {
    List<NodeSpec> all = new ArrayList<>();
    if (spec != null) {
      addNonNull(spec.getNodes(), all);
      addNonNull(spec.getFinallyNodes(), all);
    }
    return all;
  }

  private static void addNonNull(List<NodeSpec> nodes, List<NodeSpec> into) {
    if (nodes != null) {
      nodes.stream().filter(node -> node != null).forEach(into::add);
    }
  }
}
