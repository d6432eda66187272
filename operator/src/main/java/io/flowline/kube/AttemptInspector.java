package io.flowline.kube;

import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.GoDuration;
import io.flowline.engine.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/** Reads one attempt's Job and pod into the engine's view of it. */
public final class AttemptInspector {
  /** Waiting reasons of a container that will not start by itself (the contract's list). */
  static final Set<String> STUCK_REASONS =
      Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError");
  /** The pod status reason of a pod the kubelet evicted (node pressure). */
  static final String EVICTED = "Evicted";
  /**
   * Pod status reasons of a pod the platform ended or never let run: evicted, killed by a node shutdown or loss,
   * refused by the kubelet's admission (resources, affinity).
   */
  static final Set<String> PLATFORM_POD_REASONS = Set.of(EVICTED, "Preempting", "Shutdown", "NodeShutdown",
      "Terminated", "NodeLost", "UnexpectedAdmissionError", "OutOfcpu", "OutOfmemory", "OutOfpods", "NodeAffinity");
  /** Container termination reasons of a container the runtime could not start: the command never ran (exit 128). */
  static final Set<String> START_FAILURES = Set.of("StartError", "ContainerCannotRun");
  /** The pod condition Kubernetes 1.26+ sets on a pod it is about to disrupt (preemption, taint, eviction API). */
  static final String DISRUPTION_TARGET = "DisruptionTarget";

  public AttemptObservation observe(Job job, Pod pod, Instant now) {
    Optional<JobCondition> failed = condition(job, "Failed");
    if (condition(job, "Complete").isPresent()) {
      Instant finishedAt = finishTime(job, condition(job, "Complete").get(), now);
      ContainerStateTerminated terminated = terminated(pod);
      return AttemptObservation.succeeded(finishedAt, terminated == null ? null : terminated.getMessage());
    }
    if (failed.isPresent()) {
      return failure(job, failed.get(), pod, now);
    }
    return stuckReason(pod, now).orElse(AttemptObservation.running());
  }

  /**
   * What of a Job can change what {@link #observe} says: whether and how it finished. Job changes that leave this
   * the same (a pod became active, a counter moved) need no reconciliation.
   */
  public static String jobSignal(Job job) {
    if (condition(job, "Complete").isPresent()) {
      return "Complete";
    }
    return condition(job, "Failed").map(failed -> "Failed:" + failed.getReason()).orElse("");
  }

  /**
   * What of a pod can change what {@link #observe} says: the container's end, a reason it cannot start, eviction,
   * being unschedulable. A pod's other changes (scheduled, container created, started) need no reconciliation.
   */
  public static String podSignal(Pod pod) {
    StringBuilder signal = new StringBuilder();
    ContainerStateTerminated terminated = terminated(pod);
    if (terminated != null) {
      signal.append("Terminated:").append(terminated.getExitCode());
    }
    stuckReason(pod, Instant.EPOCH).ifPresent(stuck -> signal.append("Stuck:").append(stuck.reason()));
    platformEnd(pod).ifPresent(reason -> signal.append("Platform:").append(reason));
    return signal.toString();
  }

  /** True once the Job is Complete or Failed. */
  /** Whether a container of the pod runs or ran, so that it has a log to read (the dashboard, the CLI's logs). */
  public static boolean containerStarted(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return false;
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (container.getState() != null
          && (container.getState().getRunning() != null || container.getState().getTerminated() != null)) {
        return true;
      }
    }
    return false;
  }

  public static boolean finished(Job job) {
    return condition(job, "Complete").isPresent() || condition(job, "Failed").isPresent();
  }

  /**
   * A finished Job whose pod in the cache does not show the terminated container yet: its outputs, exit code and
   * message are only in a fresher copy of the pod.
   */
  public boolean needsFreshPod(Job job, Pod pod) {
    boolean finished = condition(job, "Complete").isPresent() || condition(job, "Failed")
        .filter(failed -> !"DeadlineExceeded".equals(failed.getReason())).isPresent();
    return finished && terminated(pod) == null && platformEnd(pod).isEmpty();
  }

  private AttemptObservation failure(Job job, JobCondition failed, Pod pod, Instant now) {
    Instant finishedAt = finishTime(job, failed, now);
    if ("DeadlineExceeded".equals(failed.getReason())) {
      Long deadline = job.getSpec() == null ? null : job.getSpec().getActiveDeadlineSeconds();
      String limit = deadline == null ? "" : " after " + GoDuration.format(Duration.ofSeconds(deadline));
      return AttemptObservation.failed(null, "DeadlineExceeded", "attempt timed out" + limit, finishedAt);
    }
    ContainerStateTerminated terminated = terminated(pod);
    Optional<String> platformEnd = platformEnd(pod);
    if (platformEnd.isPresent()) {
      // The platform's reason for ending the pod explains the failure; the container's own "Error" does not.
      String message = platformMessage(pod, platformEnd.get());
      return AttemptObservation.failedByPlatform(terminated == null ? null : terminated.getExitCode(),
          platformEnd.get(), message, finishedAt);
    }
    if (terminated == null) {
      String message = failed.getMessage() == null ? "Job failed" : failed.getMessage();
      return AttemptObservation.failed(null, failed.getReason(), message, finishedAt);
    }
    String reason = terminated.getReason() == null ? "Error" : terminated.getReason();
    if (START_FAILURES.contains(reason)) {
      return AttemptObservation.failedByPlatform(terminated.getExitCode(), reason,
          "the container did not start: " + terminated.getMessage(), finishedAt);
    }
    return AttemptObservation.failed(terminated.getExitCode(), reason, terminated.getMessage(), finishedAt);
  }

  /** Why the platform ended the pod, when it did: its status reason, or the DisruptionTarget condition's. */
  private static Optional<String> platformEnd(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return Optional.empty();
    }
    String reason = pod.getStatus().getReason();
    if (reason != null && PLATFORM_POD_REASONS.contains(reason)) {
      return Optional.of(reason);
    }
    return pod.getStatus().getConditions().stream()
        .filter(condition -> DISRUPTION_TARGET.equals(condition.getType()) && "True".equals(condition.getStatus()))
        .map(condition -> condition.getReason() == null ? DISRUPTION_TARGET : condition.getReason())
        .findFirst();
  }

  private static String platformMessage(Pod pod, String reason) {
    if (pod.getStatus().getMessage() != null && !pod.getStatus().getMessage().isBlank()) {
      return pod.getStatus().getMessage();
    }
    return pod.getStatus().getConditions().stream()
        .filter(condition -> DISRUPTION_TARGET.equals(condition.getType()) && condition.getMessage() != null)
        .map(condition -> condition.getMessage()).findFirst()
        .orElse("the pod was ended by the platform (" + reason + ")");
  }

  private static Optional<AttemptObservation> stuckReason(Pod pod, Instant now) {
    if (pod == null || pod.getStatus() == null) {
      return Optional.empty();
    }
    Instant since = Optional.ofNullable(Timestamps.parse(pod.getMetadata().getCreationTimestamp()))
        .orElse(now);
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      ContainerStateWaiting waiting = container.getState() == null ? null : container.getState().getWaiting();
      if (waiting != null && STUCK_REASONS.contains(waiting.getReason())) {
        return Optional.of(AttemptObservation.stuck(waiting.getReason(), waiting.getMessage(), since));
      }
    }
    for (PodCondition condition : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(condition.getType()) && "False".equals(condition.getStatus())
          && "Unschedulable".equals(condition.getReason())) {
        return Optional.of(AttemptObservation.stuck("Unschedulable", condition.getMessage(), since));
      }
    }
    return Optional.empty();
  }

  private static ContainerStateTerminated terminated(Pod pod) {
    if (pod == null || pod.getStatus() == null) {
      return null;
    }
    for (ContainerStatus container : pod.getStatus().getContainerStatuses()) {
      if (JobFactory.CONTAINER_NAME.equals(container.getName()) && container.getState() != null) {
        return container.getState().getTerminated();
      }
    }
    return null;
  }

  private static Optional<JobCondition> condition(Job job, String type) {
    if (job.getStatus() == null) {
      return Optional.empty();
    }
    return job.getStatus().getConditions().stream()
        .filter(c -> type.equals(c.getType()) && "True".equals(c.getStatus()))
        .findFirst();
  }

  private static Instant finishTime(Job job, JobCondition condition, Instant now) {
    Instant completion = Timestamps.parse(job.getStatus().getCompletionTime());
    if (completion != null) {
      return completion;
    }
    Instant transition = Timestamps.parse(condition.getLastTransitionTime());
    return transition != null ? transition : now;
  }
}
