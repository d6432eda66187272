package io.flowline.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.cli.MockCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagTreeTest {
  private static final String DIAMOND = """
      nodes:
      - {name: a, image: busybox}
      - {name: b, dependsOn: [a], image: busybox}
      - {name: c, dependsOn: [a], image: busybox}
      - {name: d, dependsOn: [b, c], image: busybox}
      """;

  private static PipelineSpec spec(String yaml) {
    return Serialization.unmarshal(yaml, PipelineSpec.class);
  }

  private static List<NodeStatus> nodes(String yaml) {
    return List.of(Serialization.unmarshal(yaml, NodeStatus[].class));
  }

  @Test
  void aDiamondHangsEachNodeUnderItsFirstDependencyAndReferencesItUnderTheOthers() {
    String text = DagTree.render(spec(DIAMOND), nodes("""
        - {name: a, phase: Succeeded, attempt: 1, startTime: "2025-08-22T09:58:00Z",
           completionTime: "2025-08-22T09:58:03Z", outputs: {rows: "7", bytes: "512"}}
        - {name: b, phase: Succeeded, attempt: 1, startTime: "2025-08-22T09:58:05Z",
           completionTime: "2025-08-22T09:58:07Z"}
        - {name: c, phase: Failed, attempt: 3, startTime: "2025-08-22T09:58:05Z",
           completionTime: "2025-08-22T09:59:30Z", reason: Error, message: "exit code 3: boom"}
        """), MockCluster.NOW);

    assertThat(text).isEqualTo("""
        NODE        PHASE       ATTEMPT   DURATION   DETAILS
        a           Succeeded   1         3s         rows=7 bytes=512
        ├── b       Succeeded   1         2s
        │   └── d   Pending
        └── c       Failed      3         1m25s      exit code 3: boom
            └── d                                    (see under b)
        """);
  }

  @Test
  void theChildrenOfAForEachNodeHangUnderItBeforeItsDependents() {
    String text = DagTree.render(spec("""
        nodes:
        - {name: each, forEach: {items: [x, y]}, image: busybox}
        - {name: report, dependsOn: [each], image: busybox}
        """), nodes("""
        - {name: each, phase: Running, items: 2, startTime: "2025-08-22T09:58:00Z"}
        - {name: each-0, parent: each, phase: Succeeded, attempt: 1, startTime: "2025-08-22T09:58:00Z",
           completionTime: "2025-08-22T09:58:04Z"}
        - {name: each-1, parent: each, phase: Running, attempt: 2, startTime: "2025-08-22T09:58:00Z"}
        """), MockCluster.NOW);

    assertThat(text).isEqualTo("""
        NODE         PHASE       ATTEMPT   DURATION   DETAILS
        each         Running               2m00s
        ├── each-0   Succeeded   1         4s
        ├── each-1   Running     2         2m00s
        └── report   Pending
        """);
  }

  @Test
  void finallyNodesAreShownAfterTheMainNodesAsTheirOwnTree() {
    String text = DagTree.render(spec("""
        nodes:
        - {name: a, image: busybox}
        finally:
        - {name: notify, image: busybox}
        - {name: cleanup, dependsOn: [notify], image: busybox}
        """), nodes("""
        - {name: a, phase: Failed, attempt: 1, startTime: "2025-08-22T09:58:00Z",
           completionTime: "2025-08-22T09:58:03Z", message: "exit code 1"}
        - {name: notify, phase: Running, attempt: 1, startTime: "2025-08-22T09:59:58Z"}
        """), MockCluster.NOW);

    assertThat(text.lines().map(String::strip).map(line -> line.split("\\s+")[0]).toList())
        .containsExactly("NODE", "a", "notify", "└──");
    assertThat(text).contains("cleanup   Pending");
  }

  @Test
  void aRunningNodeCountsItsDurationUpToNow() {
    String text = DagTree.render(spec(DIAMOND), nodes("""
        - {name: a, phase: Running, attempt: 2, startTime: "2025-08-22T08:00:00Z"}
        """), MockCluster.NOW);

    assertThat(text.lines().skip(1).findFirst()).hasValue("a           Running   2         2h00m");
  }

  @Test
  void aMultiLineMessageBecomesOneLineAndLongOnesAreCut() {
    NodeStatus status = new NodeStatus("x");
    status.setMessage("Traceback:\n  line 1\n  line 2\n" + "y".repeat(200));
    assertThat(DagTree.details(status)).startsWith("Traceback: | line 1 | line 2 | yyy").endsWith("...")
        .hasSize(100);
  }

  @Test
  void withoutADagTheStatusNodesAreListed() {
    String text = DagTree.render(null, nodes("""
        - {name: only, phase: Skipped}
        """), MockCluster.NOW);

    assertThat(text).isEqualTo("""
        NODE   PHASE     ATTEMPT   DURATION   DETAILS
        only   Skipped
        """);
  }

  @Test
  void aWholeRunRendersItsHeaderAndTree() {
    PipelineRun run = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: r1, namespace: test}
        spec: {pipelineRef: {name: p}, correlationId: order-1, params: [{name: x, value: "1"}]}
        status:
          phase: Running
          progress: 1/4
          startTime: "2025-08-22T09:59:00Z"
          conditions: [{type: Succeeded, status: Unknown, reason: Running}]
        """, PipelineRun.class);

    String text = RunDescription.render(run, spec(DIAMOND), List.of(), MockCluster.NOW);

    assertThat(text).startsWith("""
        Name:        r1
        Namespace:   test
        Pipeline:    p
        Phase:       Running
        Progress:    1/4
        Started:     2025-08-22T09:59:00Z (1m00s ago)
        Duration:    1m00s
        Correlation: order-1
        Params:      x=1

        NODE""");
  }
}
