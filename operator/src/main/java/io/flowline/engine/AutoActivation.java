package io.flowline.engine;

import io.flowline.api.Activation;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * {@code activation: Auto}: a service-like pipeline that always has a run, with a pause of {@code sleepTimeout}
 * between one run's end and the next one's start. Cycle 1 starts as soon as the pipeline is valid; cycle N+1 starts
 * {@code sleepTimeout} after cycle N ended, whatever its outcome; meanwhile the Pipeline is Sleeping.
 *
 * <p>The decision is recomputed from the pipeline's existing Auto runs every time, never from memory, so an
 * operator restart resumes the cycle where the runs say it is; and the next cycle's number, hence its run name
 * ({@link RunNames#auto}), is the same for every operator instance, so a second create of it gets AlreadyExists.
 * The newest Auto run must therefore outlive history cleanup: without it the count starts again at 1, at once.
 *
 * <p>Without {@code sleepTimeout} (or with 0) the next cycle starts as soon as the previous run ended, like a
 * container with {@code restartPolicy: Always} but without its back-off. {@code sleepTimeout} on a Manual pipeline
 * is ignored rather than rejected, so switching {@code activation} is a one-field edit. {@code suspend: true} starts
 * no new cycle and lets an active run finish; Auto does nothing for an invalid pipeline until it is fixed.
 */
public final class AutoActivation {
  private AutoActivation() {
  }

  /**
   * @param sleepTimeout {@code spec.sleepTimeout}, a Go duration; null or blank for none
   * @param valid whether the Pipeline passed validation (the sleepTimeout is only read when it did)
   * @param autoRuns the runs Auto created that still exist, in any order
   */
  public static AutoDecision plan(Activation activation, boolean suspended, String sleepTimeout, boolean valid,
      List<AutoRun> autoRuns, Instant now) {
    if (activation != Activation.Auto || suspended || !valid) {
      return AutoDecision.none();
    }
    Optional<AutoRun> active = autoRuns.stream().filter(AutoRun::isActive)
        .max(Comparator.comparingLong(AutoRun::cycle));
    if (active.isPresent()) {
      return AutoDecision.runActive(active.get().cycle());
    }
    Optional<AutoRun> newest = autoRuns.stream().max(Comparator.comparingLong(AutoRun::cycle));
    if (newest.isEmpty()) {
      return AutoDecision.start(1);
    }
    Duration pause = GoDuration.parse(sleepTimeout);
    Instant wakeAt = newest.get().completionTime().plus(pause);
    return now.isBefore(wakeAt) ? AutoDecision.sleepUntil(wakeAt) : AutoDecision.start(newest.get().cycle() + 1);
  }
}
