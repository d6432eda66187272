package io.flowline.engine;

import io.flowline.api.NodeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A large run's node table is its chunks (ConfigMaps, written once, oldest first) plus the inline entries of status.
 * An entry can be written again after it was moved out (spec.retry reopened it; it ran and ended anew): the newest
 * version wins, a later chunk over an earlier one and an inline entry over every chunk.
 */
public final class NodeTables {
  private NodeTables() {
  }

  /** One entry per node, the newest version of each, in the order the nodes first appear. */
  public static List<NodeStatus> merge(List<NodeStatus> older, List<NodeStatus> newer) {
    return merge(List.of(older, newer));
  }

  /** {@link #merge(List, List)} over several versions of the table, oldest first. */
  public static List<NodeStatus> merge(List<List<NodeStatus>> oldestFirst) {
    Map<String, NodeStatus> byName = new LinkedHashMap<>();
    oldestFirst.forEach(entries -> entries.forEach(entry -> byName.put(entry.getName(), entry)));
    return new ArrayList<>(byName.values());
  }

  /** Whether an entry differs from its version in a chunk in what the planner changes when it reopens or runs it. */
  public static boolean changedSince(NodeStatus entry, NodeStatus offloaded) {
    return entry.getPhase() != offloaded.getPhase() || entry.getAttempt() != offloaded.getAttempt()
        || !Objects.equals(entry.getCompletionTime(), offloaded.getCompletionTime())
        || !Objects.equals(entry.getMessage(), offloaded.getMessage());
  }
}
