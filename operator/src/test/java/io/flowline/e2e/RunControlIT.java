package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** spec.state on real pods, set with kubectl patch as a user would: pause and resume, stop, cancel. */
class RunControlIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  /** A pod gets SIGTERM when its Job is deleted; the node traps it so the pod goes at once. */
  private static final String LONG_NODE = "trap 'exit 143' TERM; sleep 60 & wait";
  private static final Duration POD_GONE = Duration.ofSeconds(30);

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  @Test
  void aPausedRunStartsNothingNewUntilResumed() {
    runs.create(Runs.inlineRun("paused", """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 4"]}
        - {name: second, dependsOn: [first], image: "busybox:1.36", command: [sh, -c, "true"]}"""));
    awaitNode("paused", "first", NodePhase.Running);

    patchState("paused", "Paused");
    env.await("paused to be Paused").atMost(Duration.ofSeconds(30))
        .until(() -> runs.get("paused").getStatus().getPhase() == RunPhase.Paused);
    awaitNode("paused", "first", NodePhase.Succeeded);
    // first has ended while paused; the operator has seen it (status) and still starts nothing.
    env.assertSettled(() -> runs.get("paused"), "run paused");
    assertThat(runs.jobNames("paused")).containsExactly("paused-first-1");

    patchState("paused", "Running");
    PipelineRun resumed = runs.awaitFinished("paused");
    assertThat(resumed.getStatus().getPhase()).as(runs.describe(resumed)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.jobNames("paused")).containsExactlyInAnyOrder("paused-first-1", "paused-second-1");
  }

  @Test
  void aStoppedRunLetsTheRunningNodeFinishAndEndsCancelledWithReasonStopped() {
    runs.create(Runs.inlineRun("stopped", """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 5"]}
        - {name: second, dependsOn: [first], image: "busybox:1.36", command: [sh, -c, "true"]}"""));
    awaitNode("stopped", "first", NodePhase.Running);

    patchState("stopped", "Stopped");
    PipelineRun stopped = runs.awaitFinished("stopped");

    assertThat(stopped.getStatus().getPhase()).as(runs.describe(stopped)).isEqualTo(RunPhase.Cancelled);
    assertThat(Conditions.require(stopped.getStatus().getConditions(), "Succeeded").getReason()).isEqualTo("Stopped");
    assertThat(runs.node(stopped, "first").getPhase()).as("the running node finished").isEqualTo(NodePhase.Succeeded);
    assertThat(runs.jobNames("stopped")).containsExactly("stopped-first-1");
  }

  @Test
  void cancellingARunKillsItsLongRunningPodWithinSeconds() {
    runs.create(Runs.inlineRun("cancelled", "- {name: long, image: \"busybox:1.36\", command: [sh, -c, \""
        + LONG_NODE + "\"]}"));
    awaitNode("cancelled", "long", NodePhase.Running);
    env.await("the long pod to run").atMost(Duration.ofSeconds(60))
        .until(() -> runs.pods("cancelled").stream().anyMatch(pod -> "Running".equals(pod.getStatus().getPhase())));

    patchState("cancelled", "Cancelled");
    PipelineRun cancelled = runs.awaitFinished("cancelled", Duration.ofSeconds(30));

    assertThat(cancelled.getStatus().getPhase()).as(runs.describe(cancelled)).isEqualTo(RunPhase.Cancelled);
    assertThat(runs.node(cancelled, "long").getPhase()).isEqualTo(NodePhase.Cancelled);
    env.await("the long pod to be gone").atMost(POD_GONE)
        .until(() -> runs.pods("cancelled").stream().allMatch(pod -> pod.getMetadata().getDeletionTimestamp() != null
            || "Failed".equals(pod.getStatus().getPhase()) || "Succeeded".equals(pod.getStatus().getPhase())));
    assertThat(runs.jobs("cancelled")).allMatch(RunControlIT::goingAway);
  }

  @Test
  void aRetryOfARunFailedByAFlakyNodeEndsSucceededWithTheAttemptsRecorded() {
    runs.create(Runs.inlineRun("retried", """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "true"]}
        - name: flaky
          dependsOn: [first]
          image: "busybox:1.36"
          command: [sh, -c, 'test $(node.attempt) -ge 2 || { echo "fails on attempt $(node.attempt)" >&2; exit 3; }']
        - {name: last, dependsOn: [flaky], image: "busybox:1.36", command: [sh, -c, "true"]}"""));
    PipelineRun failed = runs.awaitFinished("retried");
    assertThat(failed.getStatus().getPhase()).as(runs.describe(failed)).isEqualTo(RunPhase.Failed);

    env.kubectl("patch", "pipelinerun", "retried", "--type", "merge", "-p", "{\"spec\":{\"retry\":1}}");
    env.await("the retried run to be active again").atMost(Duration.ofSeconds(30))
        .until(() -> runs.get("retried").getStatus().getRetry(), retry -> retry != null && retry == 1);
    PipelineRun retried = runs.awaitFinished("retried");

    assertThat(retried.getStatus().getPhase()).as(runs.describe(retried)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(retried, "flaky").getAttempt()).isEqualTo(2);
    assertThat(runs.node(retried, "first").getAttempt()).as("kept, not run again").isEqualTo(1);
    assertThat(runs.jobNames("retried")).containsExactlyInAnyOrder("retried-first-1", "retried-flaky-1",
        "retried-flaky-2", "retried-last-1");
    env.await("the Retrying event").atMost(Duration.ofSeconds(30))
        .until(() -> events.reasonsOn("PipelineRun", "retried").contains("Retrying"));
  }

  @Test
  void skipNodesLetsTheRunSucceedAroundANodeThatWouldFail() {
    runs.create(Runs.inlineRun("skipping", """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 3"]}
        - {name: broken, dependsOn: [first], image: "busybox:1.36", command: [sh, -c, "exit 1"]}
        - {name: last, dependsOn: [broken], image: "busybox:1.36", command: [sh, -c, "true"]}"""));
    awaitNode("skipping", "first", NodePhase.Running);

    env.kubectl("patch", "pipelinerun", "skipping", "--type", "merge", "-p", "{\"spec\":{\"skipNodes\":[\"broken\"]}}");
    PipelineRun done = runs.awaitFinished("skipping");

    assertThat(done.getStatus().getPhase()).as(runs.describe(done)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(done, "broken").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(runs.jobNames("skipping")).containsExactlyInAnyOrder("skipping-first-1", "skipping-last-1");
    assertThat(events.reasonsOn("PipelineRun", "skipping")).doesNotContain("SpecChangeIgnored", "SkipRefused");
  }

  private static boolean goingAway(Job job) {
    return job.getMetadata().getDeletionTimestamp() != null;
  }

  private void patchState(String run, String state) {
    env.kubectl("patch", "pipelinerun", run, "--type", "merge", "-p", "{\"spec\":{\"state\":\"" + state + "\"}}");
  }

  private void awaitNode(String run, String node, NodePhase phase) {
    env.await(run + " node " + node + " " + phase).atMost(E2eEnvironment.RUN_DEADLINE)
        .until(() -> runs.get(run), current -> current != null && current.getStatus() != null
            && Runs.findNode(current, node).map(status -> status.getPhase() == phase).orElse(false));
  }
}
