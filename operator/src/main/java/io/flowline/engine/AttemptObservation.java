package io.flowline.engine;

import java.time.Instant;

/**
 * What the cluster shows of one node attempt (its Job and pod), reduced to what scheduling needs.
 *
 * @param state where the attempt is
 * @param exitCode the container's exit code, when it terminated
 * @param reason machine-readable failure or waiting reason (Error, DeadlineExceeded, ErrImagePull, ...)
 * @param message human-readable detail: termination message or log tail of a failed container, waiting message
 * @param finishedAt when the attempt ended (Job completion or failure time)
 * @param terminationMessage the raw termination message of a successful container (outputs are parsed from it)
 * @param stuckSince for a pod that cannot start (ErrImagePull, Unschedulable, ...), since when it is known stuck
 * @param recheckAt when to look again although nothing may change meanwhile (a Job still without a pod: at the end
 *     of the pod start grace, when the reason is read from its events)
 * @param platform for a failure: the platform ended the attempt (the container never started, the pod was evicted,
 *     preempted or lost with its node), not the user's command
 */
public record AttemptObservation(
    AttemptState state,
    Integer exitCode,
    String reason,
    String message,
    Instant finishedAt,
    String terminationMessage,
    Instant stuckSince,
    Instant recheckAt,
    boolean platform) {

  public enum AttemptState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    /** The Job is gone although status says the attempt runs: someone deleted it. */
    MISSING
  }

  public static AttemptObservation running() {
    return new AttemptObservation(AttemptState.RUNNING, null, null, null, null, null, null, null, false);
  }

  /** Running as far as can be seen, but worth a look at {@code recheckAt} even if no event comes. */
  public static AttemptObservation runningUntil(Instant recheckAt) {
    return new AttemptObservation(AttemptState.RUNNING, null, null, null, null, null, null, recheckAt, false);
  }

  public static AttemptObservation stuck(String reason, String message, Instant since) {
    return new AttemptObservation(AttemptState.RUNNING, null, reason, message, null, null, since, null, false);
  }

  public static AttemptObservation succeeded(Instant finishedAt, String terminationMessage) {
    return new AttemptObservation(AttemptState.SUCCEEDED, 0, null, null, finishedAt, terminationMessage, null, null, false);
  }

  public static AttemptObservation failed(Integer exitCode, String reason, String message, Instant finishedAt) {
    return new AttemptObservation(AttemptState.FAILED, exitCode, reason, message, finishedAt, null, null, null, false);
  }

  /** A failure that is the platform's, not the command's (see {@code platform}). */
  public static AttemptObservation failedByPlatform(Integer exitCode, String reason, String message,
      Instant finishedAt) {
    return new AttemptObservation(AttemptState.FAILED, exitCode, reason, message, finishedAt, null, null, null, true);
  }

  public static AttemptObservation missing() {
    return new AttemptObservation(AttemptState.MISSING, null, "JobDeleted", null, null, null, null, null, false);
  }
}
