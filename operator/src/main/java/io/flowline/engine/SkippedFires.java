package io.flowline.engine;

import java.time.Instant;

/**
 * Fires of a schedule that will never get their run, summed up for one Warning Event on the Pipeline.
 *
 * @param count how many, at most {@link SchedulePlanner#MAX_COUNTED_FIRES}
 * @param countIsExact false when there were more than {@code count} (a schedule every minute and an operator down
 *     for a week must not cost ten thousand steps to describe)
 * @param first the earliest skipped fire
 * @param last the latest skipped fire
 */
public record SkippedFires(int count, boolean countIsExact, Instant first, Instant last, Reason reason) {
  /** The Event reason, as CronJob's controller names its own ("MissSchedule"). */
  public static final String EVENT_REASON = "MissedSchedule";

  public enum Reason {
    /** The newest missed fire was older than startingDeadlineSeconds: it and every older one are skipped. */
    MISSED_DEADLINE,
    /** A newer missed fire runs instead: a schedule catches up at most once. */
    CAUGHT_UP_ONCE
  }

  public PlannedEvent event(Long startingDeadlineSeconds) {
    return PlannedEvent.warning(EVENT_REASON, message(startingDeadlineSeconds));
  }

  /** E.g. {@code skipped 3 fires from 2025-01-01T02:00:00Z to 2025-01-03T02:00:00Z: ...}. */
  public String message(Long startingDeadlineSeconds) {
    String fires = count == 1 && countIsExact
        ? "skipped the fire at " + Timestamps.format(first)
        : "skipped " + (countIsExact ? "" : "more than ") + count + " fires from " + Timestamps.format(first)
            + " to " + Timestamps.format(last);
    return switch (reason) {
      case MISSED_DEADLINE -> fires + ": missed the starting deadline of " + startingDeadlineSeconds
          + "s (spec.schedule.startingDeadlineSeconds)";
      case CAUGHT_UP_ONCE -> fires + ": only the most recent missed fire runs";
    };
  }
}
