package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Pipeline's history limits: finished runs beyond them are deleted, oldest first, with an Event each. */
class HistoryTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void finishedRunsBeyondTheLimitsAreDeletedOldestFirstAndActiveOnesNever() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: kept}
        spec:
          history: {succeeded: 1, failed: 1}
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);
    for (String name : new String[] {"s1", "s2", "f1", "f2", "active"}) {
      createRun(name);
      cluster.awaitJob(name + "-work-1");
    }
    finish("s1", true);
    finish("f1", false);
    finish("s2", true);
    finish("f2", false);

    await().atMost(FlowlineCluster.TIMEOUT).untilAsserted(() -> {
      assertThat(cluster.run("s1")).as("older succeeded run").isNull();
      assertThat(cluster.run("f1")).as("older failed run").isNull();
    });
    assertThat(cluster.run("s2")).as("newest succeeded run").isNotNull();
    assertThat(cluster.run("f2")).as("newest failed run").isNotNull();
    assertThat(cluster.run("active").getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(cluster.eventsAbout("kept")).anySatisfy(event -> {
      assertThat(event.getReason()).isEqualTo("RunDeleted");
      assertThat(event.getMessage()).contains("deleted run s1").contains("succeeded 1, failed 1");
    });
  }

  private void finish(String run, boolean succeeded) {
    if (succeeded) {
      jobController.succeed(run + "-work-1", "");
    } else {
      jobController.fail(run + "-work-1", 1, "boom");
    }
    RunPhase expected = succeeded ? RunPhase.Succeeded : RunPhase.Failed;
    cluster.awaitRun(run, (PipelineRun finished) -> assertThat(finished.getStatus().getPhase()).isEqualTo(expected));
  }

  private void createRun(String name) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: kept}
        """.formatted(name));
  }
}
