package io.flowline.engine;

import java.time.Instant;

/**
 * What Auto activation asks for at one moment.
 *
 * @param cycle for START the cycle to create ({@link #runName}), for RUN_ACTIVE the active run's, else 0
 * @param wakeAt for SLEEP when the next cycle starts ({@code status.nextScheduleTime}, the reconcile time), else null
 */
public record AutoDecision(Action action, long cycle, Instant wakeAt) {
  public enum Action {
    /** Not an Auto pipeline, or suspended, or invalid: Auto does nothing (a schedule may still fire). */
    NONE,
    /** Create run {@link RunNames#auto}(pipeline, cycle) now. */
    START,
    /** A run of cycle {@code cycle} has not ended: wait for it. */
    RUN_ACTIVE,
    /** The last run ended less than sleepTimeout ago: the Pipeline is Sleeping until {@code wakeAt}. */
    SLEEP
  }

  static AutoDecision none() {
    return new AutoDecision(Action.NONE, 0, null);
  }

  static AutoDecision start(long cycle) {
    return new AutoDecision(Action.START, cycle, null);
  }

  static AutoDecision runActive(long cycle) {
    return new AutoDecision(Action.RUN_ACTIVE, cycle, null);
  }

  static AutoDecision sleepUntil(Instant wakeAt) {
    return new AutoDecision(Action.SLEEP, 0, wakeAt);
  }

  /** The Pipeline state Sleeping applies (it still yields to Invalid, Stopping, Running, Starting). */
  public boolean sleeping() {
    return action == Action.SLEEP;
  }

  /** The run to create for START. */
  public String runName(String pipeline) {
    if (action != Action.START) {
      throw new IllegalStateException("no run to start: " + this);
    }
    return RunNames.auto(pipeline, cycle);
  }
}
