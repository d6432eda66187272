package io.flowline.reconciler;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.NodeTableLayout;
import io.flowline.engine.NodeTableLayout.Layout;
import io.flowline.engine.NodeTables;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.StatusWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Puts a step's node table into status, moving finished entries into ConfigMaps as {@link NodeTableLayout}
 * decides from the sizes measured here.
 */
final class NodeTableRecorder {
  private static final ToIntFunction<NodeStatus> ENTRY_SIZE = StatusWriter::jsonSize;

  private final NodeTableStore nodeTables;

  NodeTableRecorder(NodeTableStore nodeTables) {
    this.nodeTables = nodeTables;
  }

  /** Thrown when even a table of only running and waiting entries would make the object too large. */
  static final class TooLargeException extends RuntimeException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /**
   * @param nodes the whole table after this step, in node order
   * @param offloaded the entries already in the chunks status names
   */
  void record(PipelineRun run, PipelineRunStatus status, List<NodeStatus> nodes, List<NodeStatus> offloaded) {
    List<NodeStatus> pending = notIn(nodes, offloaded);
    long otherBytes = objectSize(run, status, List.of());
    Layout layout = NodeTableLayout.fit(pending, ENTRY_SIZE, otherBytes, StatusWriter.OBJECT_LIMIT_BYTES)
        .orElseThrow(() -> new TooLargeException("the run object would be over the "
            + StatusWriter.OBJECT_LIMIT_BYTES + " byte limit even with every finished node entry in ConfigMaps"));
    apply(run, status, layout, nodes);
  }

  /** Every entry to ConfigMaps: for a run that ends because its status cannot fit. */
  void recordAllOffloaded(PipelineRun run, PipelineRunStatus status, List<NodeStatus> nodes,
      List<NodeStatus> offloaded) {
    apply(run, status, NodeTableLayout.layout(notIn(nodes, offloaded), ENTRY_SIZE, 0), nodes);
  }

  private void apply(PipelineRun run, PipelineRunStatus status, Layout layout, List<NodeStatus> nodes) {
    for (List<NodeStatus> chunk : layout.newChunks()) {
      status.getNodesRef().add(nodeTables.save(run, status.getNodesRef().size(), chunk));
    }
    status.setNodes(layout.inline());
    status.setNodeCounts(status.getNodesRef().isEmpty() ? null : NodeTableLayout.counts(nodes));
  }

  /** The entries no chunk holds as they are now: new ones, and moved-out ones written again (reopened by retry). */
  private static List<NodeStatus> notIn(List<NodeStatus> nodes, List<NodeStatus> offloaded) {
    Map<String, NodeStatus> byName = new HashMap<>();
    offloaded.forEach(entry -> byName.put(entry.getName(), entry));
    return nodes.stream().filter(entry -> {
      NodeStatus moved = byName.get(entry.getName());
      return moved == null || NodeTables.changedSince(entry, moved);
    }).toList();
  }

  /** The whole object's JSON size with {@code inline} as its node table (StatusWriter's own measure). */
  private static long objectSize(PipelineRun run, PipelineRunStatus status, List<NodeStatus> inline) {
    List<NodeStatus> before = status.getNodes();
    status.setNodes(inline);
    try {
      return StatusWriter.objectSize(run, StatusWriter.jsonSize(status));
    } finally {
      status.setNodes(before);
    }
  }
}
