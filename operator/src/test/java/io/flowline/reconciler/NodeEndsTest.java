package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeEndsTest {
  @Test
  void onlyEntriesThatBecameTerminalInThisStepEnded() {
    Map<String, NodePhase> before = Map.of("done", NodePhase.Succeeded, "running", NodePhase.Running,
        "waiting", NodePhase.Waiting, "still", NodePhase.Running);

    List<NodeStatus> ended = NodeEnds.since(before, List.of(node("done", NodePhase.Succeeded),
        node("running", NodePhase.Failed), node("waiting", NodePhase.Cancelled), node("still", NodePhase.Running),
        node("skipped", NodePhase.Skipped)));

    assertThat(ended).extracting(NodeStatus::getName).containsExactly("running", "waiting", "skipped");
  }

  private static NodeStatus node(String name, NodePhase phase) {
    NodeStatus node = new NodeStatus(name);
    node.setPhase(phase);
    return node;
  }
}
