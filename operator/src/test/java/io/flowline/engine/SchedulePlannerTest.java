package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ScheduleSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SchedulePlannerTest {
  private static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static ScheduleSpec schedule(String cron, String timeZone, Long startingDeadlineSeconds) {
    ScheduleSpec spec = new ScheduleSpec();
    spec.setCron(cron);
    spec.setTimeZone(timeZone);
    spec.setStartingDeadlineSeconds(startingDeadlineSeconds);
    return spec;
  }

  private static ScheduleDecision plan(ScheduleSpec spec, Instant lastScheduleTime, Instant now) {
    return SchedulePlanner.plan(spec, false, lastScheduleTime, CREATED, now);
  }

  @Test
  void everyMinuteFiresTheMinuteThatJustPassedAndWakesForTheNext() {
    ScheduleDecision decision = plan(schedule("* * * * *", null, null), at("2025-01-01T12:00:00Z"),
        at("2025-01-01T12:01:00.250Z"));

    assertThat(decision.fire()).hasValue(at("2025-01-01T12:01:00Z"));
    assertThat(decision.skippedFires()).isEmpty();
    assertThat(decision.lastScheduleTime()).isEqualTo(at("2025-01-01T12:01:00Z"));
    assertThat(decision.next()).hasValue(at("2025-01-01T12:02:00Z"));
  }

  @Test
  void aFireAlreadyHandledDoesNotFireAgainAfterARestart() {
    ScheduleDecision decision = plan(schedule("* * * * *", null, null), at("2025-01-01T12:01:00Z"),
        at("2025-01-01T12:01:40Z"));

    assertThat(decision.fire()).isEmpty();
    assertThat(decision.lastScheduleTime()).isNull();
    assertThat(decision.next()).hasValue(at("2025-01-01T12:02:00Z"));
  }

  @Test
  void theSameInputsGiveTheSameFireAndSoTheSameRunName() {
    ScheduleSpec spec = schedule("0 2 * * *", null, null);
    ScheduleDecision first = plan(spec, at("2025-01-01T02:00:00Z"), at("2025-01-02T02:00:03Z"));
    ScheduleDecision second = plan(spec, at("2025-01-01T02:00:00Z"), at("2025-01-02T02:00:09Z"));

    assertThat(first).isEqualTo(second);
    assertThat(RunNames.scheduled("nightly-etl", first.fireNow())).isEqualTo("nightly-etl-28929720");
  }

  @Test
  void afterADowntimeOnlyTheMostRecentMissedFireRunsAndTheOlderOnesAreReported() {
    ScheduleDecision decision = plan(schedule("0 2 * * *", null, null), at("2025-01-01T02:00:00Z"),
        at("2025-01-04T10:00:00Z"));

    assertThat(decision.fire()).hasValue(at("2025-01-04T02:00:00Z"));
    assertThat(decision.skipped()).isEqualTo(new SkippedFires(2, true, at("2025-01-02T02:00:00Z"),
        at("2025-01-03T02:00:00Z"), SkippedFires.Reason.CAUGHT_UP_ONCE));
    assertThat(decision.skipped().message(null)).isEqualTo("skipped 2 fires from 2025-01-02T02:00:00Z to "
        + "2025-01-03T02:00:00Z: only the most recent missed fire runs");
    assertThat(decision.next()).hasValue(at("2025-01-05T02:00:00Z"));
  }

  @Test
  void aMissedFireWithinTheStartingDeadlineStillRuns() {
    ScheduleSpec spec = schedule("0 2 * * *", null, 300L);

    assertThat(plan(spec, at("2025-01-01T02:00:00Z"), at("2025-01-02T02:04:59Z")).fire())
        .hasValue(at("2025-01-02T02:00:00Z"));
    assertThat(plan(spec, at("2025-01-01T02:00:00Z"), at("2025-01-02T02:05:00Z")).fire())
        .hasValue(at("2025-01-02T02:00:00Z"));
  }

  @Test
  void aMissedFireOlderThanTheStartingDeadlineIsSkippedAndReportedOnce() {
    ScheduleSpec spec = schedule("0 2 * * *", null, 300L);
    ScheduleDecision decision = plan(spec, at("2025-01-01T02:00:00Z"), at("2025-01-02T02:05:01Z"));

    assertThat(decision.fire()).isEmpty();
    assertThat(decision.skipped()).isEqualTo(new SkippedFires(1, true, at("2025-01-02T02:00:00Z"),
        at("2025-01-02T02:00:00Z"), SkippedFires.Reason.MISSED_DEADLINE));
    assertThat(decision.skipped().event(300L)).isEqualTo(PlannedEvent.warning("MissedSchedule",
        "skipped the fire at 2025-01-02T02:00:00Z: missed the starting deadline of 300s "
            + "(spec.schedule.startingDeadlineSeconds)"));
    assertThat(decision.lastScheduleTime()).isEqualTo(at("2025-01-02T02:00:00Z"));
    assertThat(decision.next()).hasValue(at("2025-01-03T02:00:00Z"));

    ScheduleDecision afterStatusWrite = plan(spec, decision.lastScheduleTime(), at("2025-01-02T02:05:30Z"));
    assertThat(afterStatusWrite.skippedFires()).isEmpty();
    assertThat(afterStatusWrite.fire()).isEmpty();
  }

  @Test
  void everyFireOfALongDowntimeOutsideTheDeadlineIsSkippedTogether() {
    ScheduleDecision decision = plan(schedule("0 2 * * *", null, 60L), at("2025-01-01T02:00:00Z"),
        at("2025-01-04T10:00:00Z"));

    assertThat(decision.fire()).isEmpty();
    assertThat(decision.skipped()).isEqualTo(new SkippedFires(3, true, at("2025-01-02T02:00:00Z"),
        at("2025-01-04T02:00:00Z"), SkippedFires.Reason.MISSED_DEADLINE));
    assertThat(decision.lastScheduleTime()).isEqualTo(at("2025-01-04T02:00:00Z"));
  }

  @Test
  void aVeryLongDowntimeCountsAtMostAHundredSkippedFires() {
    ScheduleDecision decision = plan(schedule("* * * * *", null, null), at("2025-01-01T00:00:00Z"),
        at("2025-01-08T00:00:30Z"));

    assertThat(decision.fire()).hasValue(at("2025-01-08T00:00:00Z"));
    assertThat(decision.skipped().count()).isEqualTo(100);
    assertThat(decision.skipped().countIsExact()).isFalse();
    assertThat(decision.skipped().first()).isEqualTo(at("2025-01-01T00:01:00Z"));
    assertThat(decision.skipped().last()).isEqualTo(at("2025-01-07T23:59:00Z"));
    assertThat(decision.skipped().message(null)).startsWith("skipped more than 100 fires from 2025-01-01T00:01:00Z "
        + "to 2025-01-07T23:59:00Z");
  }

  @Test
  void withoutALastScheduleTimeCountingStartsAtThePipelinesCreation() {
    ScheduleSpec spec = schedule("0 2 * * *", null, null);

    assertThat(SchedulePlanner.plan(spec, false, null, at("2025-01-01T01:30:00Z"), at("2025-01-01T02:00:05Z"))
        .fire()).hasValue(at("2025-01-01T02:00:00Z"));
    ScheduleDecision createdAfterTheFire =
        SchedulePlanner.plan(spec, false, null, at("2025-01-01T02:30:00Z"), at("2025-01-01T03:00:00Z"));
    assertThat(createdAfterTheFire.fire()).isEmpty();
    assertThat(createdAfterTheFire.skippedFires()).isEmpty();
    assertThat(createdAfterTheFire.next()).hasValue(at("2025-01-02T02:00:00Z"));
  }

  @Test
  void aSuspendedScheduleFiresNothingAndPlansNoNextTime() {
    ScheduleDecision decision = SchedulePlanner.plan(schedule("* * * * *", null, null), true,
        at("2025-01-01T12:00:00Z"), CREATED, at("2025-01-01T13:00:00Z"));

    assertThat(decision).isEqualTo(ScheduleDecision.none());
  }

  @Test
  void withoutAScheduleThereIsNothingToDo() {
    assertThat(plan(null, null, at("2025-01-01T13:00:00Z"))).isEqualTo(ScheduleDecision.none());
    assertThat(plan(schedule(" ", null, null), null, at("2025-01-01T13:00:00Z"))).isEqualTo(ScheduleDecision.none());
  }

  @Test
  void aLastScheduleTimeInTheFutureFiresNothingUntilAfterIt() {
    ScheduleDecision decision = plan(schedule("0 * * * *", null, null), at("2025-01-01T15:00:00Z"),
        at("2025-01-01T13:30:00Z"));

    assertThat(decision.fire()).isEmpty();
    assertThat(decision.next()).hasValue(at("2025-01-01T16:00:00Z"));
  }

  @Test
  void theTimeZoneDecidesWhichInstantIsTwoOClock() {
    Instant justAfter2300Utc = at("2025-06-01T23:00:10Z");

    assertThat(plan(schedule("0 2 * * *", "Europe/Moscow", 60L), at("2025-05-31T23:00:00Z"), justAfter2300Utc)
        .fire()).hasValue(at("2025-06-01T23:00:00Z"));
    assertThat(plan(schedule("0 2 * * *", "UTC", 60L), at("2025-06-01T02:00:00Z"), justAfter2300Utc).fire())
        .isEmpty();
  }

  @Test
  void theSpringForwardDayHasNoFireForATimeItSkips() {
    ScheduleDecision decision = plan(schedule("30 2 * * *", "Europe/Berlin", null), at("2025-03-29T01:30:00Z"),
        at("2025-03-30T12:00:00Z"));

    assertThat(decision.fire()).isEmpty();
    assertThat(decision.skippedFires()).isEmpty();
    assertThat(decision.next()).hasValue(at("2025-03-31T00:30:00Z"));
  }

  @Test
  void theFallBackDayFiresTheRepeatedTimeTwiceUnderTwoRunNames() {
    ScheduleSpec spec = schedule("30 2 * * *", "Europe/Berlin", 300L);
    ScheduleDecision first = plan(spec, at("2025-10-25T00:30:00Z"), at("2025-10-26T00:30:02Z"));
    ScheduleDecision second = plan(spec, first.lastScheduleTime(), at("2025-10-26T01:30:02Z"));

    assertThat(first.fire()).hasValue(at("2025-10-26T00:30:00Z"));
    assertThat(first.next()).hasValue(at("2025-10-26T01:30:00Z"));
    assertThat(second.fire()).hasValue(at("2025-10-26T01:30:00Z"));
    assertThat(second.next()).hasValue(at("2025-10-27T01:30:00Z"));
    assertThat(RunNames.scheduled("p", first.fireNow())).isNotEqualTo(RunNames.scheduled("p", second.fireNow()));
  }
}
