package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.AttemptObservation.AttemptState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttemptInspectorTest {
  private static final Instant NOW = Instant.parse("2025-08-22T10:00:00Z");
  private final AttemptInspector inspector = new AttemptInspector();

  private static Job job(String condition, String reason) {
    JobBuilder job = new JobBuilder().withNewMetadata().withName("run-a-1").endMetadata()
        .withNewSpec().withActiveDeadlineSeconds(600L).endSpec();
    if (condition == null) {
      return job.withNewStatus().withActive(1).endStatus().build();
    }
    return job.withNewStatus()
        .addNewCondition().withType(condition).withStatus("True").withReason(reason)
          .withLastTransitionTime("2025-08-22T09:59:00Z").endCondition()
        .endStatus().build();
  }

  private static Pod terminatedPod(int exitCode, String message) {
    return new PodBuilder().withNewMetadata().withName("run-a-1-xyz").endMetadata()
        .withNewStatus().addNewContainerStatus().withName("main")
          .withNewState().withNewTerminated().withExitCode(exitCode).withReason(exitCode == 0 ? "Completed" : "Error")
            .withMessage(message).endTerminated().endState()
        .endContainerStatus().endStatus().build();
  }

  private static Pod waitingPod(String reason) {
    return new PodBuilder().withNewMetadata().withName("run-a-1-xyz")
          .withCreationTimestamp("2025-08-22T09:58:00Z").endMetadata()
        .withNewStatus().addNewContainerStatus().withName("main")
          .withNewState().withNewWaiting().withReason(reason).withMessage("cannot pull").endWaiting().endState()
        .endContainerStatus().endStatus().build();
  }

  @Test
  void aCompleteJobSucceedsWithTheContainersTerminationMessage() {
    AttemptObservation seen = inspector.observe(job("Complete", null), terminatedPod(0, "rows=42"), NOW);

    assertThat(seen.state()).isEqualTo(AttemptState.SUCCEEDED);
    assertThat(seen.terminationMessage()).isEqualTo("rows=42");
    assertThat(seen.finishedAt()).isEqualTo(Instant.parse("2025-08-22T09:59:00Z"));
  }

  @Test
  void aFailedJobCarriesTheContainersExitCodeAndMessage() {
    AttemptObservation seen = inspector.observe(job("Failed", "BackoffLimitExceeded"),
        terminatedPod(3, "stack trace tail"), NOW);

    assertThat(seen.state()).isEqualTo(AttemptState.FAILED);
    assertThat(seen.exitCode()).isEqualTo(3);
    assertThat(seen.reason()).isEqualTo("Error");
    assertThat(seen.message()).isEqualTo("stack trace tail");
  }

  @Test
  void anAttemptPastItsDeadlineFailsAsTimedOut() {
    AttemptObservation seen = inspector.observe(job("Failed", "DeadlineExceeded"), null, NOW);

    assertThat(seen.reason()).isEqualTo("DeadlineExceeded");
    assertThat(seen.message()).isEqualTo("attempt timed out after 10m");
  }

  @Test
  void aPodThatCannotPullItsImageIsStuckSinceItWasCreated() {
    AttemptObservation seen = inspector.observe(job(null, null), waitingPod("ErrImagePull"), NOW);

    assertThat(seen.state()).isEqualTo(AttemptState.RUNNING);
    assertThat(seen.reason()).isEqualTo("ErrImagePull");
    assertThat(seen.stuckSince()).isEqualTo(Instant.parse("2025-08-22T09:58:00Z"));
  }

  @Test
  void aContainerStillCreatingIsNotStuck() {
    AttemptObservation seen = inspector.observe(job(null, null), waitingPod("ContainerCreating"), NOW);

    assertThat(seen.stuckSince()).isNull();
  }

  @Test
  void aFinishedJobWithoutTheTerminatedPodInTheCacheAsksForAFreshPod() {
    assertThat(inspector.needsFreshPod(job("Failed", "BackoffLimitExceeded"), null)).isTrue();
    assertThat(inspector.needsFreshPod(job("Complete", null), waitingPod("ContainerCreating"))).isTrue();
    assertThat(inspector.needsFreshPod(job("Complete", null), terminatedPod(0, ""))).isFalse();
    assertThat(inspector.needsFreshPod(job(null, null), null)).isFalse();
  }

  @Test
  void anEvictedPodFailsTheAttemptWithReasonEvictedAndTheKubeletsMessage() {
    Pod evicted = new PodBuilder(terminatedPod(137, null)).editStatus().withPhase("Failed").withReason("Evicted")
        .withMessage("The node was low on resource: memory.").endStatus().build();

    AttemptObservation seen = inspector.observe(job("Failed", "BackoffLimitExceeded"), evicted, NOW);

    assertThat(seen.state()).isEqualTo(AttemptState.FAILED);
    assertThat(seen.reason()).isEqualTo("Evicted");
    assertThat(seen.message()).isEqualTo("The node was low on resource: memory.");
    assertThat(seen.exitCode()).isEqualTo(137);
    assertThat(seen.platform()).as("the platform's failure, not the command's").isTrue();
  }

  @Test
  void aContainerTheRuntimeCouldNotStartIsThePlatformsFailure() {
    Pod startError = new PodBuilder().withNewMetadata().withName("run-a-1-xyz").endMetadata()
        .withNewStatus().withPhase("Failed").addNewContainerStatus().withName("main")
          .withNewState().withNewTerminated().withExitCode(128).withReason("StartError")
            .withMessage("failed to create containerd task: context canceled").endTerminated().endState()
        .endContainerStatus().endStatus().build();

    AttemptObservation seen = inspector.observe(job("Failed", "BackoffLimitExceeded"), startError, NOW);

    assertThat(seen.platform()).isTrue();
    assertThat(seen.reason()).isEqualTo("StartError");
    assertThat(seen.exitCode()).isEqualTo(128);
    assertThat(seen.message()).contains("did not start").contains("failed to create containerd task");
  }

  @Test
  void aCommandThatExitsWith128ItselfIsTheUsersFailure() {
    AttemptObservation seen = inspector.observe(job("Failed", "BackoffLimitExceeded"), terminatedPod(128, "x"), NOW);

    assertThat(seen.platform()).isFalse();
    assertThat(seen.reason()).isEqualTo("Error");
  }

  @Test
  void aPodTheClusterMarkedAsADisruptionTargetIsThePlatformsFailureWithTheConditionsReason() {
    Pod preempted = new PodBuilder(terminatedPod(137, null)).editStatus().withPhase("Failed")
        .addNewCondition().withType("DisruptionTarget").withStatus("True").withReason("PreemptionByScheduler")
          .withMessage("Kubernetes default scheduler: preempting to accommodate a higher priority pod").endCondition()
        .endStatus().build();

    AttemptObservation seen = inspector.observe(job("Failed", "BackoffLimitExceeded"), preempted, NOW);

    assertThat(seen.platform()).isTrue();
    assertThat(seen.reason()).isEqualTo("PreemptionByScheduler");
    assertThat(seen.message()).contains("preempting");
    assertThat(AttemptInspector.podSignal(preempted)).isNotEqualTo(AttemptInspector.podSignal(terminatedPod(137, null)));
  }

  @Test
  void anEvictedPodWithoutAContainerStateNeedsNoFreshReadAndStillNamesTheEviction() {
    Pod evicted = new PodBuilder().withNewMetadata().withName("run-a-1-xyz").endMetadata()
        .withNewStatus().withPhase("Failed").withReason("Evicted").withMessage("disk pressure").endStatus().build();
    Job failed = job("Failed", "BackoffLimitExceeded");

    assertThat(inspector.needsFreshPod(failed, evicted)).isFalse();
    AttemptObservation seen = inspector.observe(failed, evicted, NOW);
    assertThat(seen.reason()).isEqualTo("Evicted");
    assertThat(seen.message()).isEqualTo("disk pressure");
    assertThat(seen.exitCode()).isNull();
  }

  @Test
  void aJobSignalsOnlyWhenItFinishes() {
    assertThat(AttemptInspector.jobSignal(job(null, null))).as("active, no condition").isEmpty();
    assertThat(AttemptInspector.jobSignal(job("Complete", null))).isEqualTo("Complete");
    assertThat(AttemptInspector.jobSignal(job("Failed", "DeadlineExceeded")))
        .isNotEqualTo(AttemptInspector.jobSignal(job("Failed", "BackoffLimitExceeded")));
  }

  @Test
  void aPodSignalsWhenItsContainerEndsOrCannotStartNotWhenItIsCreatedOrScheduled() {
    Pod created = new PodBuilder().withNewMetadata().withName("run-a-1-xyz").endMetadata().build();
    Pod creating = waitingPod("ContainerCreating");
    assertThat(AttemptInspector.podSignal(created)).isEmpty();
    assertThat(AttemptInspector.podSignal(creating)).isEmpty();
    assertThat(AttemptInspector.podSignal(waitingPod("ErrImagePull"))).isNotEmpty()
        .isNotEqualTo(AttemptInspector.podSignal(waitingPod("ImagePullBackOff")));
    assertThat(AttemptInspector.podSignal(terminatedPod(0, ""))).isNotEmpty()
        .isNotEqualTo(AttemptInspector.podSignal(terminatedPod(3, "")));
  }
}
