package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ForEachSpec;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RerunSeedTest {
  private static final NodePhase OK = NodePhase.Succeeded;
  private static final NodePhase FAILED = NodePhase.Failed;

  private static final List<NodeSpec> CHAIN = List.of(node("a"), node("b", "a"), node("c", "b"));
  /** a fans out to b and c, which join in d. */
  private static final List<NodeSpec> DIAMOND = List.of(node("a"), node("b", "a"), node("c", "a"),
      node("d", "b", "c"));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("empty fromNodes reruns a failed middle node and what follows it",
            CHAIN, Map.of("a", OK, "b", FAILED), List.of(), List.of("a"), List.of("b", "c")),
        Arguments.of("fromNodes on the middle of a chain copies only what is upstream",
            CHAIN, Map.of("a", OK, "b", OK, "c", OK), List.of("b"), List.of("a"), List.of("b", "c")),
        Arguments.of("a fully succeeded source with empty fromNodes is copied whole",
            CHAIN, Map.of("a", OK, "b", OK, "c", OK), List.of(), List.of("a", "b", "c"), List.of()),
        Arguments.of("diamond: one branch reruns with the join, the other branch is copied",
            DIAMOND, Map.of("a", OK, "b", OK, "c", OK, "d", OK), List.of("b"), List.of("a", "c"),
            List.of("b", "d")),
        Arguments.of("diamond: a failed join reruns alone",
            DIAMOND, Map.of("a", OK, "b", OK, "c", OK, "d", FAILED), List.of(), List.of("a", "b", "c"),
            List.of("d")),
        Arguments.of("diamond: fromNodes on the root reruns everything",
            DIAMOND, Map.of("a", OK, "b", OK, "c", OK, "d", OK), List.of("a"), List.of(),
            List.of("a", "b", "c", "d")),
        Arguments.of("an upstream that failed with allowFailure reruns, and so do its descendants",
            DIAMOND, Map.of("a", OK, "b", FAILED, "c", OK, "d", OK), List.of(), List.of("a", "c"),
            List.of("b", "d")),
        Arguments.of("nodes that never ran in the source (absent) rerun",
            CHAIN, Map.of("a", OK), List.of(), List.of("a"), List.of("b", "c")),
        Arguments.of("cancelled and skipped nodes did not succeed: they rerun",
            DIAMOND, Map.of("a", OK, "b", NodePhase.Cancelled, "c", NodePhase.Skipped), List.of(), List.of("a"),
            List.of("b", "c", "d")),
        Arguments.of("a source node missing from the new snapshot is ignored",
            List.of(node("a"), node("c", "a")), Map.of("a", OK, "b", OK, "c", OK), List.of(), List.of("a", "c"),
            List.of()),
        Arguments.of("a node new in the snapshot runs, with its descendants",
            List.of(node("a"), node("new", "a"), node("c", "new")), Map.of("a", OK, "c", OK), List.of(),
            List.of("a"), List.of("new", "c")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void splitsTheNodesIntoCopiedAndRerun(String description, List<NodeSpec> nodes, Map<String, NodePhase> source,
      List<String> fromNodes, List<String> copied, List<String> rerun) {
    RerunSeed seed = RerunSeed.of(spec(nodes), "first", table(source), fromNodes);

    assertThat(seed.copied()).extracting(NodeStatus::getName).as("copied").containsExactlyElementsOf(copied);
    assertThat(seed.rerun()).as("rerun").containsExactlyElementsOf(rerun);
  }

  @Test
  void aCopiedEntryKeepsItsResultAndNamesTheSourceRunsJob() {
    NodeStatus a = new NodeStatus("a");
    a.setPhase(OK);
    a.setAttempt(2);
    a.setStartTime("2025-08-22T10:00:00Z");
    a.setCompletionTime("2025-08-22T10:01:00Z");
    a.setOutputs(Map.of("rows", "42"));
    NodeStatus hashed = new NodeStatus("b");
    hashed.setPhase(OK);
    hashed.setAttempt(1);
    hashed.setJob("first-b-0123abcd-1");

    RerunSeed seed = RerunSeed.of(spec(CHAIN), "first", List.of(a, hashed), List.of("c"));

    assertThat(seed.copied()).hasSize(2);
    NodeStatus copy = seed.copied().get(0);
    assertThat(copy.getPhase()).isEqualTo(OK);
    assertThat(copy.getAttempt()).isEqualTo(2);
    assertThat(copy.getStartTime()).isEqualTo("2025-08-22T10:00:00Z");
    assertThat(copy.getCompletionTime()).isEqualTo("2025-08-22T10:01:00Z");
    assertThat(copy.getOutputs()).containsExactly(Map.entry("rows", "42"));
    assertThat(copy.getJob()).isEqualTo("first-a-2");
    assertThat(copy.getMessage()).isEqualTo("copied from run first");
    assertThat(seed.copied().get(1).getJob()).as("a recorded Job name is kept").isEqualTo("first-b-0123abcd-1");
    assertThat(copy).as("a copy, not the source's own entry").isNotSameAs(a);
  }

  @Test
  void aForEachNodeRerunsWithAllItsChildrenAndOneCopiedKeepsItsItemsWithoutAJobOfItsOwn() {
    NodeSpec fanOut = node("each", "a");
    fanOut.setForEach(ForEachSpec.ofItems(List.of("x", "y")));
    PipelineSpec spec = spec(List.of(node("a"), fanOut, node("c", "each")));
    NodeStatus parent = new NodeStatus("each");
    parent.setPhase(NodePhase.Succeeded);
    parent.setItems(2);
    parent.setOutputs(new LinkedHashMap<>(Map.of("rows", "[\"1\",\"2\"]")));
    List<NodeStatus> source = new ArrayList<>(table(Map.of("a", OK, "each-0", OK, "each-1", OK, "c", OK)));
    source.add(parent);

    RerunSeed fromEach = RerunSeed.of(spec, "first", source, List.of("each"));
    assertThat(fromEach.rerun()).containsExactly("each", "c");
    assertThat(fromEach.copied()).extracting(NodeStatus::getName).containsExactly("a");

    RerunSeed fromC = RerunSeed.of(spec, "first", source, List.of("c"));
    NodeStatus copied = fromC.copied().get(1);
    assertThat(copied.getName()).isEqualTo("each");
    assertThat(copied.getItems()).isEqualTo(2);
    assertThat(copied.getJob()).as("a forEach node has no Job").isNull();
    assertThat(copied.getOutputs()).containsEntry("rows", "[\"1\",\"2\"]");
  }

  @Test
  void unknownNodesNamesEachMissingFromNodeOnce() {
    assertThat(RerunSeed.unknownNodes(spec(CHAIN), List.of("b", "load", "x", "load"))).containsExactly("load", "x");
    assertThat(RerunSeed.unknownNodes(spec(CHAIN), List.of("a", "c"))).isEmpty();
  }

  @Test
  void theEventMessageCountsCopiesListsReruns() {
    RerunSeed seed = RerunSeed.of(spec(CHAIN), "first", table(Map.of("a", OK, "b", OK, "c", OK)), List.of("b"));
    assertThat(seed.describe("first")).isEqualTo("rerun of first: copied 1 succeeded node(s), running again: b, c");

    RerunSeed none = RerunSeed.of(spec(CHAIN), "first", table(Map.of("a", OK, "b", OK, "c", OK)), List.of());
    assertThat(none.describe("first")).endsWith("copied 3 succeeded node(s), running again: none");
  }

  @Test
  void theEventMessageOfAHugeRerunIsBounded() {
    List<NodeSpec> nodes = Nodes.chain(5_000);
    String message = RerunSeed.of(spec(nodes), "first", List.of(), List.of()).describe("first");

    assertThat(message).hasSizeLessThanOrEqualTo(1024).startsWith("rerun of first: copied 0").endsWith("n4999");
  }

  private static PipelineSpec spec(List<NodeSpec> nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(nodes));
    return spec;
  }

  private static List<NodeStatus> table(Map<String, NodePhase> phases) {
    List<NodeStatus> table = new ArrayList<>();
    phases.forEach((name, phase) -> {
      NodeStatus status = new NodeStatus(name);
      status.setPhase(phase);
      status.setAttempt(1);
      table.add(status);
    });
    return table;
  }
}
