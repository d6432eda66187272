package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTablesTest {
  private static NodeStatus entry(String name, NodePhase phase, int attempt) {
    NodeStatus status = new NodeStatus(name);
    status.setPhase(phase);
    status.setAttempt(attempt);
    return status;
  }

  @Test
  void theNewestVersionOfAnEntryWinsInThePlaceTheNodeFirstHad() {
    List<NodeStatus> merged = NodeTables.merge(
        List.of(entry("a", NodePhase.Failed, 1), entry("b", NodePhase.Succeeded, 1)),
        List.of(entry("c", NodePhase.Running, 1), entry("a", NodePhase.Running, 2)));

    assertThat(merged).extracting(NodeStatus::getName).containsExactly("a", "b", "c");
    assertThat(merged.get(0).getPhase()).isEqualTo(NodePhase.Running);
    assertThat(merged.get(0).getAttempt()).isEqualTo(2);
  }

  @Test
  void anEntryReopenedOrRunAgainDiffersFromItsMovedOutVersionAnUntouchedOneDoesNot() {
    NodeStatus moved = entry("a", NodePhase.Failed, 1);
    moved.setCompletionTime("2025-08-22T10:00:00Z");
    NodeStatus same = entry("a", NodePhase.Failed, 1);
    same.setCompletionTime("2025-08-22T10:00:00Z");
    NodeStatus reopened = entry("a", NodePhase.Pending, 1);
    reopened.setCompletionTime("2025-08-22T10:00:00Z");

    assertThat(NodeTables.changedSince(same, moved)).isFalse();
    assertThat(NodeTables.changedSince(reopened, moved)).isTrue();
    assertThat(NodeTables.changedSince(entry("a", NodePhase.Failed, 2), moved)).isTrue();
  }
}
