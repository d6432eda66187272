package io.flowline.reconciler;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which nodes one step ended: the step's whole table against the phases it started from. */
final class NodeEnds {
  private NodeEnds() {
  }

  static Map<String, NodePhase> phases(List<NodeStatus> table) {
    Map<String, NodePhase> phases = new HashMap<>();
    table.forEach(node -> phases.put(node.getName(), node.getPhase()));
    return phases;
  }

  /** Entries of {@code after} in a terminal phase that were absent (never left Pending) or unfinished before. */
  static List<NodeStatus> since(Map<String, NodePhase> before, List<NodeStatus> after) {
    return after.stream()
        .filter(node -> node.getPhase() != null && node.getPhase().isFinished())
        .filter(node -> {
          NodePhase was = before.get(node.getName());
          return was == null || !was.isFinished();
        })
        .toList();
  }
}
