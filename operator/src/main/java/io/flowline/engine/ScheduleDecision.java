package io.flowline.engine;

import java.time.Instant;
import java.util.Optional;

/**
 * What a pipeline's schedule asks for at one moment. Only instants: the reconciler creates the run, writes status
 * and emits the Event.
 *
 * @param fireNow the fire to start a run for now, named {@link RunNames#scheduled}; null for none
 * @param skipped fires that will never run, for a Warning Event; null for none
 * @param lastScheduleTime what {@code status.lastScheduleTime} must hold after acting on this decision: the fire
 *     started, or else the newest skipped one, so that neither is considered again after a restart (the Event is
 *     emitted after this status write, so it is emitted once); null to leave it as it is
 * @param nextScheduleTime the next fire: {@code status.nextScheduleTime} and when to reconcile again; null for none
 */
public record ScheduleDecision(Instant fireNow, SkippedFires skipped, Instant lastScheduleTime,
    Instant nextScheduleTime) {
  /** No schedule, or suspended: nothing fires and nothing is due later. */
  public static ScheduleDecision none() {
    return new ScheduleDecision(null, null, null, null);
  }

  public Optional<Instant> fire() {
    return Optional.ofNullable(fireNow);
  }

  public Optional<SkippedFires> skippedFires() {
    return Optional.ofNullable(skipped);
  }

  public Optional<Instant> next() {
    return Optional.ofNullable(nextScheduleTime);
  }
}
