package io.flowline.operator;

import static io.flowline.operator.FlowlineCluster.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.engine.JobNames;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Failed, retried, deleted and timed-out attempts. */
class NodeFailureTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void failedAttemptWaitsForTheRetryDelayThenRunsAsANewJob() {
    // The delay counts from the failed attempt's second-precision time: 2s keeps Waiting visible for over 1s.
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: flaky}
        spec:
          nodes:
          - {name: load, image: busybox:1.36, command: [sh, -c, "exit 1"], retry: {limit: 1, delay: 2s}}
        """);
    createRun("flaky-1", "flaky", "");
    cluster.awaitJob("flaky-1-load-1");

    jobController.fail("flaky-1-load-1", 1, "");

    PipelineRun waiting = cluster.awaitRun("flaky-1",
        run -> assertThat(node(run, "load").getPhase()).isEqualTo(NodePhase.Waiting));
    assertThat(waiting.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(node(waiting, "load").getAttempt()).isEqualTo(1);
    assertThat(node(waiting, "load").getExitCode()).isEqualTo(1);
    assertThat(cluster.job("flaky-1-load-2")).as("no second attempt before the delay").isNull();

    Job retry = cluster.awaitJob("flaky-1-load-2");
    assertThat(retry.getMetadata().getLabels()).containsEntry("flowline.io/attempt", "2");
    jobController.succeed("flaky-1-load-2", "");

    PipelineRun done = cluster.awaitRun("flaky-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(node(done, "load").getAttempt()).isEqualTo(2);
    assertThat(JobNames.jobOf("flaky-1", node(done, "load"))).isEqualTo("flaky-1-load-2");
    assertThat(node(done, "load").getJob()).as("the plain Job name is derivable and left out").isNull();
    assertThat(cluster.jobNamesOf("flaky-1")).as("every attempt stays visible")
        .containsExactly("flaky-1-load-1", "flaky-1-load-2");
  }

  @Test
  void anAttemptThePlatformCouldNotStartRunsAgainAsANewJobWithoutFailingTheNode() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: start-error}
        spec:
          pipelineSpec:
            nodes:
            - {name: only, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);
    jobController.failToStart(cluster.awaitJob("start-error-only-1").getMetadata().getName());
    jobController.succeed(cluster.awaitJob("start-error-only-2").getMetadata().getName(), "");

    cluster.awaitRun("start-error", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      NodeStatus only = FlowlineCluster.node(run, "only");
      assertThat(only.getAttempt()).isEqualTo(2);
      assertThat(only.getPlatformRetries()).isEqualTo(1);
      assertThat(only.getPlatformReason()).isEqualTo("StartError");
    });
  }

  @Test
  void failedNodeStopsNewNodesButLetsRunningOnesFinish() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: ff}
        spec:
          nodes:
          - {name: bad, image: busybox:1.36, command: [sh, -c, "exit 3"]}
          - {name: slow, image: busybox:1.36, command: [sh, -c, "sleep 60"]}
          - {name: after, dependsOn: [bad], image: busybox:1.36, command: [sh, -c, "true"]}
        """);
    createRun("ff-1", "ff", "");
    cluster.awaitJob("ff-1-bad-1");
    cluster.awaitJob("ff-1-slow-1");

    jobController.fail("ff-1-bad-1", 3, "boom");

    PipelineRun failing = cluster.awaitRun("ff-1", run -> {
      assertThat(node(run, "bad").getPhase()).isEqualTo(NodePhase.Failed);
      assertThat(run.getStatus().getMessage()).contains("node bad failed");
    });
    assertThat(failing.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(node(failing, "bad").getExitCode()).isEqualTo(3);
    assertThat(node(failing, "bad").getMessage()).contains("exit code 3").contains("boom");
    await("run stays Running while slow runs").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
        .until(() -> cluster.run("ff-1").getStatus().getPhase() == RunPhase.Running);

    jobController.succeed("ff-1-slow-1", "");

    PipelineRun failed = cluster.awaitRun("ff-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(failed.getStatus().getConditions()).singleElement().satisfies(condition -> {
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo("Failed");
    });
    assertThat(failed.getStatus().getMessage()).contains("node bad").contains("exit code 3");
    assertThat(node(failed, "slow").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(failed.getStatus().getNodes()).extracting(n -> n.getName()).doesNotContain("after");
    assertThat(cluster.jobNamesOf("ff-1")).containsExactly("ff-1-bad-1", "ff-1-slow-1");
  }

  @Test
  void allowFailureLetsDependentsRunAndTheRunSucceed() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: tolerant}
        spec:
          nodes:
          - {name: optional, image: busybox:1.36, command: [sh, -c, "exit 1"], allowFailure: true, outputs: [rows]}
          - name: report
            dependsOn: [optional]
            image: busybox:1.36
            command: [sh, -c]
            args: ["echo rows=[$(nodes.optional.outputs.rows)]"]
        """);
    createRun("tolerant-1", "tolerant", "");
    cluster.awaitJob("tolerant-1-optional-1");

    jobController.fail("tolerant-1-optional-1", 1, "no data today");

    Job report = cluster.awaitJob("tolerant-1-report-1");
    assertThat(report.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .as("outputs of a node that failed with allowFailure are empty").containsExactly("echo rows=[]");
    jobController.succeed("tolerant-1-report-1", "");

    PipelineRun done = cluster.awaitRun("tolerant-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(node(done, "optional").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(done.getStatus().getProgress()).isEqualTo("2/2");
    assertThat(done.getStatus().getMessage()).contains("optional");
  }

  @Test
  void deletingARunningJobFailsTheAttempt() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: gone}
        spec:
          nodes:
          - {name: work, image: busybox:1.36, command: [sh, -c, "sleep 60"]}
        """);
    createRun("gone-1", "gone", "");
    cluster.awaitJob("gone-1-work-1");
    cluster.awaitRun("gone-1", run -> assertThat(node(run, "work").getPhase()).isEqualTo(NodePhase.Running));

    cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).withName("gone-1-work-1").delete();

    PipelineRun failed = cluster.awaitRun("gone-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(node(failed, "work").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(node(failed, "work").getReason()).isEqualTo("JobDeleted");
    assertThat(node(failed, "work").getMessage()).contains("gone-1-work-1");
    assertThat(cluster.jobNamesOf("gone-1")).as("a deleted attempt is not silently re-created").isEmpty();
  }

  @Test
  void runTimeoutDeletesRunningJobsAndFailsTheRun() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: long}
        spec:
          nodes:
          - {name: work, image: busybox:1.36, command: [sh, -c, "sleep 3600"]}
        """);
    createRun("long-1", "long", "timeout: 1s");
    cluster.awaitJob("long-1-work-1");

    PipelineRun failed = cluster.awaitRun("long-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(failed.getStatus().getConditions()).singleElement().satisfies(condition -> {
      assertThat(condition.getStatus()).isEqualTo("False");
      assertThat(condition.getReason()).isEqualTo("Timeout");
    });
    assertThat(node(failed, "work").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(cluster.job("long-1-work-1")).as("the running Job is deleted before the run is marked Failed").isNull();
  }

  private void createRun(String name, String pipeline, String extraSpec) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
          %s
        """.formatted(name, pipeline, extraSpec));
  }
}
