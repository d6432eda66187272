package io.flowline.engine;

import io.flowline.api.ScheduleSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides when a Pipeline's schedule starts runs, as a CronJob's controller does: from the last scheduled fire
 * ({@code status.lastScheduleTime}, or the Pipeline's creation when it has none) up to now, the most recent fire
 * not yet handled starts one run; older ones are skipped (at most one catch-up, however long the operator was
 * down); and that one too when it is older than {@code startingDeadlineSeconds}. The decision is a pure function of
 * its inputs, so a restarted operator recomputes the same one, and the fire's deterministic run name stops a second
 * create.
 *
 * <p>{@code suspend: true} starts nothing and plans nothing. Fires missed while suspended count as missed when
 * it is set back to false, so one of them may still run then, within the deadline, as with a CronJob; a
 * {@code startingDeadlineSeconds} keeps an old one from starting.
 */
public final class SchedulePlanner {
  /** How many skipped fires are counted one by one; CronJob stops at 100 as well. */
  public static final int MAX_COUNTED_FIRES = 100;

  private SchedulePlanner() {
  }

  /**
   * @param schedule {@code spec.schedule}, already valid ({@link PipelineValidator}); null or without a cron for none
   * @param lastScheduleTime {@code status.lastScheduleTime}; null when no fire was handled yet
   * @param created the Pipeline's creationTimestamp, where counting starts when lastScheduleTime is null
   * @throws IllegalArgumentException when the cron expression or time zone is invalid
   */
  public static ScheduleDecision plan(ScheduleSpec schedule, boolean suspended, Instant lastScheduleTime,
      Instant created, Instant now) {
    if (schedule == null || schedule.getCron() == null || schedule.getCron().isBlank() || suspended) {
      return ScheduleDecision.none();
    }
    CronSchedule cron = CronSchedule.parse(schedule.getCron(), schedule.getTimeZone());
    Instant handledUntil = lastScheduleTime != null ? lastScheduleTime : created != null ? created : now;
    // A lastScheduleTime in the future (a clock set back, a hand edit) must not let fires before it run twice.
    Instant nextAfter = handledUntil.isAfter(now) ? handledUntil : now;
    Instant next = cron.nextFireAfter(nextAfter).orElse(null);

    Optional<Instant> mostRecent = cron.latestFireAtOrBefore(now).filter(fire -> fire.isAfter(handledUntil));
    if (mostRecent.isEmpty()) {
      return new ScheduleDecision(null, null, null, next);
    }
    Instant fire = mostRecent.get();
    Long deadline = schedule.getStartingDeadlineSeconds();
    if (deadline != null && Duration.between(fire, now).compareTo(Duration.ofSeconds(deadline)) > 0) {
      SkippedFires all = skipped(cron, handledUntil, fire, true, SkippedFires.Reason.MISSED_DEADLINE);
      return new ScheduleDecision(null, all, fire, next);
    }
    SkippedFires older = skipped(cron, handledUntil, fire, false, SkippedFires.Reason.CAUGHT_UP_ONCE);
    return new ScheduleDecision(fire, older, fire, next);
  }

  /** The fires after {@code handledUntil} and before {@code newest} (and newest itself when included); null for none. */
  private static SkippedFires skipped(CronSchedule cron, Instant handledUntil, Instant newest, boolean newestIncluded,
      SkippedFires.Reason reason) {
    Instant first = null;
    Instant last = newestIncluded ? newest : null;
    int count = 0;
    for (Optional<Instant> fire = cron.nextFireAfter(handledUntil); fire.isPresent() && fire.get().isBefore(newest);
        fire = cron.nextFireAfter(fire.get())) {
      if (count == MAX_COUNTED_FIRES) {
        Instant beforeNewest = cron.latestFireAtOrBefore(newest.minusNanos(1)).orElseThrow();
        return new SkippedFires(count, false, first, newestIncluded ? newest : beforeNewest, reason);
      }
      first = first == null ? fire.get() : first;
      last = newestIncluded ? newest : fire.get();
      count++;
    }
    if (newestIncluded) {
      first = first == null ? newest : first;
      count++;
    }
    return count == 0 ? null : new SkippedFires(count, true, first, last, reason);
  }
}
