package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeTableLayoutTest {
  private static NodeStatus entry(String name, NodePhase phase) {
    NodeStatus status = new NodeStatus(name);
    status.setPhase(phase);
    return status;
  }

  @Test
  void aTableWithinTheBudgetStaysInline() {
    List<NodeStatus> table = List.of(entry("a", NodePhase.Succeeded), entry("b", NodePhase.Running));
    NodeTableLayout.Layout layout = NodeTableLayout.layout(table, e -> 100, 200);
    assertThat(layout.inline()).containsExactlyElementsOf(table);
    assertThat(layout.newChunks()).isEmpty();
  }

  @Test
  void pastTheBudgetFinishedEntriesMoveOutAndRunningOnesStay() {
    List<NodeStatus> table = new ArrayList<>();
    table.add(entry("run", NodePhase.Running));
    table.add(entry("wait", NodePhase.Waiting));
    table.add(entry("bad", NodePhase.Failed));
    for (int i = 0; i < 10; i++) {
      table.add(entry("ok-" + i, NodePhase.Succeeded));
    }
    NodeTableLayout.Layout layout = NodeTableLayout.layout(table, e -> 100, 500);

    assertThat(layout.inline()).extracting(NodeStatus::getName).containsExactly("run", "wait", "bad", "ok-8", "ok-9");
    assertThat(layout.newChunks()).singleElement().satisfies(chunk ->
        assertThat(chunk).extracting(NodeStatus::getName).containsExactly("ok-0", "ok-1", "ok-2", "ok-3", "ok-4",
            "ok-5", "ok-6", "ok-7"));
  }

  @Test
  void failedEntriesMoveOnlyWhenTheOthersAreNotEnough() {
    List<NodeStatus> table = List.of(entry("run", NodePhase.Running), entry("bad-1", NodePhase.Failed),
        entry("bad-2", NodePhase.Failed), entry("ok", NodePhase.Cancelled));
    NodeTableLayout.Layout layout = NodeTableLayout.layout(table, e -> 100, 150);

    assertThat(layout.inline()).extracting(NodeStatus::getName).containsExactly("run");
    assertThat(layout.newChunks()).singleElement().satisfies(chunk ->
        assertThat(chunk).extracting(NodeStatus::getName).containsExactly("bad-1", "bad-2", "ok"));
  }

  @Test
  void chunksAreCutAtTheChunkBudgetAndEveryEntryIsInExactlyOnePlace() {
    List<NodeStatus> table = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      table.add(entry("ok-" + i, NodePhase.Succeeded));
    }
    int entrySize = NodeTableLayout.CHUNK_BUDGET_BYTES / 10;
    NodeTableLayout.Layout layout = NodeTableLayout.layout(table, e -> entrySize, 0);

    assertThat(layout.inline()).isEmpty();
    assertThat(layout.newChunks()).hasSize(3).allSatisfy(chunk -> assertThat(chunk).hasSize(10));
    assertThat(layout.newChunks().stream().flatMap(List::stream).toList()).containsExactlyElementsOf(table);
  }

  @Test
  void countsNodesPerPhase() {
    assertThat(NodeTableLayout.counts(List.of(entry("a", NodePhase.Succeeded), entry("b", NodePhase.Succeeded),
        entry("c", NodePhase.Running)))).containsExactly(java.util.Map.entry("Running", 1),
        java.util.Map.entry("Succeeded", 2));
  }

  @Test
  void fitMovesEveryFinishedEntryOutWhenTheObjectWouldPassTheLimitAndGivesUpOnlyWhenRunningOnesDoNotFit() {
    List<NodeStatus> table = List.of(entry("run", NodePhase.Running), entry("ok", NodePhase.Succeeded));

    assertThat(NodeTableLayout.fit(table, e -> 100, 1_000, 10_000)).hasValueSatisfying(layout ->
        assertThat(layout.newChunks()).isEmpty());
    assertThat(NodeTableLayout.fit(table, e -> 100, 9_850, 10_000)).hasValueSatisfying(layout ->
        assertThat(layout.inline()).extracting(NodeStatus::getName).containsExactly("run"));
    assertThat(NodeTableLayout.fit(table, e -> 100, 9_950, 10_000)).isEmpty();
  }
}
