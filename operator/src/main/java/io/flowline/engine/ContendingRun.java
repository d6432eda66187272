package io.flowline.engine;

import io.flowline.api.RunPhase;
import java.time.Instant;

/**
 * What the concurrency gate needs to know of one run of a pipeline. {@code phase} null means the run has no status
 * yet; {@code priority} null means 0; {@code createdAt} is the run's creationTimestamp (null sorts as the oldest, so a
 * run without one is never starved behind runs that have one).
 */
public record ContendingRun(String name, RunPhase phase, Integer priority, Instant createdAt) {
  public static ContendingRun waiting(String name, Integer priority, Instant createdAt) {
    return new ContendingRun(name, null, priority, createdAt);
  }

  int effectivePriority() {
    return priority == null ? 0 : priority;
  }

  /** Has not started: no status yet, Pending or Queued. */
  boolean isWaiting() {
    return phase == null || phase == RunPhase.Pending || phase == RunPhase.Queued;
  }

  /**
   * Holds a slot of the limit. Stopping holds one too: a stopping run still has Jobs running (Stopped lets them
   * finish), so freeing its slot early would put more pods on the cluster than the limit allows.
   */
  boolean holdsSlot() {
    return phase == RunPhase.Running || phase == RunPhase.Paused || phase == RunPhase.Stopping;
  }

  /** Running or Paused: a run Replace may still cancel (a Stopping run is already going away). */
  boolean isReplaceable() {
    return phase == RunPhase.Running || phase == RunPhase.Paused;
  }
}
