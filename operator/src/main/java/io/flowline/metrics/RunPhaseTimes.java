package io.flowline.metrics;

import io.flowline.api.RunPhase;
import java.time.Instant;

/** A run's phase and times as one status recorded them; null fields were not set. */
public record RunPhaseTimes(RunPhase phase, Instant startTime, Instant completionTime) {
  public static final RunPhaseTimes NONE = new RunPhaseTimes(null, null, null);

  boolean started() {
    return startTime != null;
  }

  boolean finished() {
    return phase != null && phase.isFinished();
  }
}
