package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** spec.state steers a run: Paused, Running again, Stopped, Cancelled, also before it started. */
class RunControlTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void aPausedRunStartsNoNewNodeUntilItIsResumed() {
    createChain("steered", null);
    cluster.awaitJob("steered-a-1");

    setState("steered", DesiredRunState.Paused);
    cluster.awaitRun("steered", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Paused));
    jobController.succeed("steered-a-1", "");
    cluster.awaitRun("steered", run -> assertThat(FlowlineCluster.node(run, "a").getPhase())
        .isEqualTo(NodePhase.Succeeded));
    assertThat(cluster.job("steered-b-1")).as("b while paused").isNull();
    assertThat(cluster.run("steered").getStatus().getPhase()).isEqualTo(RunPhase.Paused);

    setState("steered", DesiredRunState.Running);
    cluster.awaitJob("steered-b-1");
    cluster.awaitRun("steered", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running));
    assertThat(cluster.eventsAbout("steered")).extracting(event -> event.getReason())
        .contains("Paused", "Resumed");
  }

  @Test
  void aStoppedRunLetsItsRunningNodeFinishThenEndsCancelledWithReasonStopped() {
    createChain("stopped", null);
    cluster.awaitJob("stopped-a-1");

    setState("stopped", DesiredRunState.Stopped);
    cluster.awaitRun("stopped", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Stopping));
    assertThat(cluster.job("stopped-a-1").getMetadata().getDeletionTimestamp()).as("a keeps running").isNull();
    jobController.succeed("stopped-a-1", "");

    cluster.awaitRun("stopped", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(succeededReason(run)).isEqualTo("Stopped");
      assertThat(FlowlineCluster.node(run, "a").getPhase()).isEqualTo(NodePhase.Succeeded);
    });
    assertThat(cluster.job("stopped-b-1")).isNull();
  }

  @Test
  void aCancelledRunDeletesItsRunningJobAtOnceAndEndsCancelled() {
    createChain("cancelled", null);
    cluster.awaitJob("cancelled-a-1");

    setState("cancelled", DesiredRunState.Cancelled);

    cluster.awaitRun("cancelled", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(succeededReason(run)).isEqualTo("Cancelled");
      assertThat(FlowlineCluster.node(run, "a").getPhase()).isEqualTo(NodePhase.Cancelled);
    });
    cluster.awaitRun("cancelled", run -> assertThat(cluster.job("cancelled-a-1")).isNull());
  }

  @Test
  void aRunCreatedPausedWaitsAndOneCancelledWhileQueuedEndsWithoutStarting() {
    createChain("born-paused", DesiredRunState.Paused);
    cluster.awaitRun("born-paused", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Paused));
    assertThat(cluster.jobNamesOf("born-paused")).isEmpty();

    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: one-at-a-time}
        spec:
          concurrency: {limit: 1}
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);
    cluster.createRun(ref("first", "one-at-a-time"));
    cluster.awaitJob("first-work-1");
    cluster.createRun(ref("waiting", "one-at-a-time"));
    cluster.awaitRun("waiting", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Queued));

    setState("waiting", DesiredRunState.Cancelled);
    cluster.awaitRun("waiting", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(run.getStatus().getStartTime()).as("it never started").isNull();
    });
    assertThat(cluster.jobNamesOf("waiting")).isEmpty();
  }

  @Test
  void aRetryOfAFailedRunGivesItsFailedNodeANewAttemptKeepsWhatSucceededAndEndsSucceeded() {
    createChain("retried", null);
    jobController.succeed(cluster.awaitJob("retried-a-1").getMetadata().getName(), "");
    jobController.fail(cluster.awaitJob("retried-b-1").getMetadata().getName(), 3, "flaky");
    cluster.awaitRun("retried", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));

    setRetry("retried", 1);
    jobController.succeed(cluster.awaitJob("retried-b-2").getMetadata().getName(), "");

    cluster.awaitRun("retried", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(run.getStatus().getRetry()).isEqualTo(1);
      assertThat(run.getStatus().getLastRetryTime()).isNotNull();
      assertThat(FlowlineCluster.node(run, "b").getAttempt()).isEqualTo(2);
      assertThat(condition(run, "ControlAccepted").getReason()).isEqualTo("Retried");
    });
    assertThat(cluster.jobNamesOf("retried")).containsExactlyInAnyOrder("retried-a-1", "retried-b-1", "retried-b-2");
    assertThat(cluster.eventsAbout("retried")).extracting(event -> event.getReason()).contains("Retrying")
        .doesNotContain("SpecChangeIgnored", "NotImplemented");
  }

  @Test
  void aRetryOfARunThatIsStillRunningIsRecordedAsIgnoredAndNeverFiresLater() {
    createChain("too-early", null);
    cluster.awaitJob("too-early-a-1");

    setRetry("too-early", 1);
    cluster.awaitRun("too-early", run -> {
      assertThat(run.getStatus().getRetry()).isEqualTo(1);
      assertThat(condition(run, "ControlAccepted").getStatus()).isEqualTo("False");
      assertThat(condition(run, "ControlAccepted").getMessage()).contains("the run is Running");
    });
    jobController.fail("too-early-a-1", 1, "boom");

    cluster.awaitRun("too-early", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(cluster.jobNamesOf("too-early")).containsExactly("too-early-a-1");
    assertThat(cluster.eventsAbout("too-early")).extracting(event -> event.getReason()).contains("RetryIgnored");
  }

  @Test
  void skipNodesSetAtCreationLetsTheRunSucceedAroundTheSkippedNode() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: skipping}
        spec:
          skipNodes: [a]
          pipelineSpec:
            nodes:
            - {name: a, image: "busybox:1.36", command: [sh, -c, "exit 1"]}
            - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, "true"]}
        """);
    jobController.succeed(cluster.awaitJob("skipping-b-1").getMetadata().getName(), "");

    cluster.awaitRun("skipping", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(FlowlineCluster.node(run, "a").getPhase()).isEqualTo(NodePhase.Skipped);
    });
    assertThat(cluster.jobNamesOf("skipping")).containsExactly("skipping-b-1");
  }

  @Test
  void skippingARunningNodeIsRefusedWithAMessageAndTheNodeGoesOn() {
    createChain("skip-running", null);
    cluster.awaitJob("skip-running-a-1");

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("skip-running")
        .edit(edited -> {
          edited.getSpec().setSkipNodes(List.of("a"));
          return edited;
        });

    cluster.awaitRun("skip-running", run -> {
      assertThat(condition(run, "ControlAccepted").getReason()).isEqualTo("SkipRefused");
      assertThat(condition(run, "ControlAccepted").getMessage()).contains("spec.skipNodes: node a has already started");
    });
    jobController.succeed("skip-running-a-1", "");
    cluster.awaitJob("skip-running-b-1");
    assertThat(FlowlineCluster.node(cluster.run("skip-running"), "a").getPhase()).isNotEqualTo(NodePhase.Skipped);
    assertThat(cluster.eventsAbout("skip-running")).extracting(event -> event.getReason())
        .containsOnlyOnce("SkipRefused").doesNotContain("SpecChangeIgnored");
  }

  @Test
  void anUnknownNodeInSkipNodesAtCreationFailsTheRunNamingTheField() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: skip-unknown}
        spec:
          skipNodes: [nope]
          pipelineSpec:
            nodes:
            - {name: a, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);

    cluster.awaitRun("skip-unknown", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
      assertThat(succeededReason(run)).isEqualTo("InvalidParams");
      assertThat(run.getStatus().getMessage()).contains("spec.skipNodes").contains("nope");
    });
  }

  private void setRetry(String run, int retry) {
    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName(run).edit(edited -> {
      edited.getSpec().setRetry(retry);
      return edited;
    });
  }

  private static Condition condition(PipelineRun run, String type) {
    return run.getStatus().getConditions().stream().filter(condition -> type.equals(condition.getType()))
        .findFirst().orElseThrow(() -> new AssertionError("no condition " + type));
  }

  private void createChain(String name, DesiredRunState state) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          %s
          pipelineSpec:
            nodes:
            - {name: a, image: "busybox:1.36", command: [sh, -c, "true"]}
            - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, "true"]}
        """.formatted(name, state == null ? "" : "state: " + state));
  }

  private static String ref(String name, String pipeline) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
        """.formatted(name, pipeline);
  }

  private void setState(String run, DesiredRunState state) {
    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName(run).edit(edited -> {
      edited.getSpec().setState(state);
      return edited;
    });
  }

  private static String succeededReason(PipelineRun run) {
    return condition(run, "Succeeded").getReason();
  }
}
