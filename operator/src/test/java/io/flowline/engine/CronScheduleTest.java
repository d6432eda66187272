package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  private static Instant at(String text) {
    return Instant.parse(text);
  }

  private static List<Instant> firesAfter(CronSchedule schedule, Instant from, int count) {
    List<Instant> fires = new ArrayList<>();
    Instant cursor = from;
    for (int i = 0; i < count; i++) {
      cursor = schedule.nextFireAfter(cursor).orElseThrow();
      fires.add(cursor);
    }
    return fires;
  }

  private static List<Instant> firesBefore(CronSchedule schedule, Instant until, int count) {
    List<Instant> fires = new ArrayList<>();
    Instant cursor = until;
    for (int i = 0; i < count; i++) {
      Instant fire = schedule.latestFireAtOrBefore(cursor).orElseThrow();
      fires.add(fire);
      cursor = fire.minusNanos(1);
    }
    return fires;
  }

  @Test
  void everyMinuteFiresOnTheNextWholeMinuteStrictlyAfter() {
    CronSchedule schedule = CronSchedule.parse("* * * * *", null);

    assertThat(schedule.nextFireAfter(at("2025-01-01T12:00:30.5Z"))).hasValue(at("2025-01-01T12:01:00Z"));
    assertThat(schedule.nextFireAfter(at("2025-01-01T12:00:00Z"))).hasValue(at("2025-01-01T12:01:00Z"));
  }

  @Test
  void theLatestFireIncludesAFireExactlyAtTheGivenInstant() {
    CronSchedule schedule = CronSchedule.parse("*/15 * * * *", null);

    assertThat(schedule.latestFireAtOrBefore(at("2025-01-01T12:15:00Z"))).hasValue(at("2025-01-01T12:15:00Z"));
    assertThat(schedule.latestFireAtOrBefore(at("2025-01-01T12:29:59.999Z"))).hasValue(at("2025-01-01T12:15:00Z"));
    assertThat(schedule.latestFireAtOrBefore(at("2025-01-01T12:14:59Z"))).hasValue(at("2025-01-01T12:00:00Z"));
  }

  @Test
  void theSameExpressionFiresAtTheWallClockTimeOfItsZone() {
    Instant noon = at("2025-06-01T12:00:00Z");

    assertThat(CronSchedule.parse("0 2 * * *", null).nextFireAfter(noon)).hasValue(at("2025-06-02T02:00:00Z"));
    assertThat(CronSchedule.parse("0 2 * * *", "UTC").nextFireAfter(noon)).hasValue(at("2025-06-02T02:00:00Z"));
    // Moscow is UTC+3 all year: 02:00 there is 23:00 UTC the day before.
    assertThat(CronSchedule.parse("0 2 * * *", "Europe/Moscow").nextFireAfter(noon))
        .hasValue(at("2025-06-01T23:00:00Z"));
    assertThat(CronSchedule.parse("0 2 * * *", "Europe/Moscow").latestFireAtOrBefore(noon))
        .hasValue(at("2025-05-31T23:00:00Z"));
  }

  @Test
  void aWallClockTimeSkippedBySpringForwardDoesNotFireThatDay() {
    // Europe/Berlin 2025-03-30: 02:00 CET (01:00Z) becomes 03:00 CEST; 02:30 does not exist that day.
    CronSchedule schedule = CronSchedule.parse("30 2 * * *", "Europe/Berlin");

    assertThat(firesAfter(schedule, at("2025-03-28T12:00:00Z"), 3)).containsExactly(
        at("2025-03-29T01:30:00Z"), // 02:30 CET
        at("2025-03-31T00:30:00Z"), // 02:30 CEST, the 30th has none
        at("2025-04-01T00:30:00Z"));
    assertThat(schedule.latestFireAtOrBefore(at("2025-03-30T23:00:00Z"))).hasValue(at("2025-03-29T01:30:00Z"));
  }

  @Test
  void anHourlyScheduleGoesFromOneToThreeOClockAcrossSpringForward() {
    CronSchedule schedule = CronSchedule.parse("0 * * * *", "Europe/Berlin");

    assertThat(firesAfter(schedule, at("2025-03-29T23:30:00Z"), 3)).containsExactly(
        at("2025-03-30T00:00:00Z"), // 01:00 CET
        at("2025-03-30T01:00:00Z"), // 03:00 CEST
        at("2025-03-30T02:00:00Z")); // 04:00 CEST
  }

  @Test
  void aWallClockTimeRepeatedByFallBackFiresAtBothInstantsLikeACronJob() {
    // Europe/Berlin 2025-10-26: 03:00 CEST (01:00Z) becomes 02:00 CET; 02:00-02:59 happens twice.
    CronSchedule schedule = CronSchedule.parse("30 2 * * *", "Europe/Berlin");

    assertThat(firesAfter(schedule, at("2025-10-25T12:00:00Z"), 3)).containsExactly(
        at("2025-10-26T00:30:00Z"), // 02:30 CEST
        at("2025-10-26T01:30:00Z"), // 02:30 CET
        at("2025-10-27T01:30:00Z"));
    assertThat(firesBefore(schedule, at("2025-10-27T00:00:00Z"), 3)).containsExactly(
        at("2025-10-26T01:30:00Z"), at("2025-10-26T00:30:00Z"), at("2025-10-25T00:30:00Z"));
  }

  @Test
  void firesInTheRepeatedHourComeInInstantOrderNotWallClockOrder() {
    CronSchedule schedule = CronSchedule.parse("*/20 2 * * *", "Europe/Berlin");

    // From 02:50 CEST the next fire is 02:00 CET, although 02:00 is earlier on the wall clock.
    assertThat(firesAfter(schedule, at("2025-10-26T00:50:00Z"), 4)).containsExactly(
        at("2025-10-26T01:00:00Z"), at("2025-10-26T01:20:00Z"), at("2025-10-26T01:40:00Z"),
        at("2025-10-27T01:00:00Z"));
    // From 02:10 CET the latest fire is 02:00 CET, not 02:40 CEST.
    assertThat(firesBefore(schedule, at("2025-10-26T01:10:00Z"), 3)).containsExactly(
        at("2025-10-26T01:00:00Z"), at("2025-10-26T00:40:00Z"), at("2025-10-26T00:20:00Z"));
  }

  @Test
  void newYorkSkipsTwoThirtyInMarchAndRepeatsOneThirtyInNovember() {
    CronSchedule twoThirty = CronSchedule.parse("30 2 * * *", "America/New_York");
    CronSchedule oneThirty = CronSchedule.parse("30 1 * * *", "America/New_York");

    // 2025-03-09 02:00 EST becomes 03:00 EDT.
    assertThat(twoThirty.nextFireAfter(at("2025-03-08T12:00:00Z"))).hasValue(at("2025-03-10T06:30:00Z"));
    // 2025-11-02 02:00 EDT becomes 01:00 EST.
    assertThat(firesAfter(oneThirty, at("2025-11-01T12:00:00Z"), 3)).containsExactly(
        at("2025-11-02T05:30:00Z"), at("2025-11-02T06:30:00Z"), at("2025-11-03T06:30:00Z"));
  }

  /**
   * The rule itself, checked minute by minute: the fires are exactly the instants whose wall-clock time matches,
   * around both transitions of zones with a one hour and a half hour (Lord Howe) shift.
   */
  @Test
  void firesAreExactlyTheInstantsWhoseWallClockTimeMatches() {
    record Case(String cron, Predicate<LocalDateTime> matches) {
    }
    List<Case> cases = List.of(
        new Case("30 2 * * *", t -> t.getHour() == 2 && t.getMinute() == 30),
        new Case("*/15 * * * *", t -> t.getMinute() % 15 == 0),
        new Case("0 1-3 * * *", t -> t.getMinute() == 0 && t.getHour() >= 1 && t.getHour() <= 3),
        new Case("45 1,2 * * *", t -> t.getMinute() == 45 && (t.getHour() == 1 || t.getHour() == 2)));
    List<String> zones = List.of("Europe/Berlin", "America/New_York", "Australia/Lord_Howe");
    List<Instant> transitions = List.of(at("2025-03-30T01:00:00Z"), at("2025-10-26T01:00:00Z"),
        at("2025-03-09T07:00:00Z"), at("2025-11-02T06:00:00Z"), at("2025-04-05T15:00:00Z"),
        at("2025-10-04T15:30:00Z"));
    for (Case c : cases) {
      for (String zoneName : zones) {
        ZoneId zone = ZoneId.of(zoneName);
        CronSchedule schedule = CronSchedule.parse(c.cron(), zoneName);
        for (Instant transition : transitions) {
          Instant start = transition.minus(Duration.ofHours(26));
          Instant end = transition.plus(Duration.ofHours(26));
          List<Instant> expected = new ArrayList<>();
          for (Instant t = start; t.isBefore(end); t = t.plusSeconds(60)) {
            if (c.matches().test(LocalDateTime.ofInstant(t, zone))) {
              expected.add(t);
            }
          }
          List<Instant> actual = new ArrayList<>();
          for (Optional<Instant> f = schedule.nextFireAfter(start.minusNanos(1)); f.isPresent() && f.get()
              .isBefore(end); f = schedule.nextFireAfter(f.get())) {
            actual.add(f.get());
          }
          assertThat(actual).as(c.cron() + " in " + zoneName + " around " + transition).isEqualTo(expected);
          for (Instant fire : expected) {
            assertThat(schedule.latestFireAtOrBefore(fire.plusSeconds(59))).as(c.cron() + " in " + zoneName)
                .hasValue(fire);
          }
        }
      }
    }
  }

  @Test
  void theCronJobNicknamesAreAccepted() {
    Instant noon = at("2025-06-04T12:00:00Z"); // a Wednesday

    assertThat(CronSchedule.parse("@daily", null).nextFireAfter(noon)).hasValue(at("2025-06-05T00:00:00Z"));
    assertThat(CronSchedule.parse("@hourly", null).nextFireAfter(noon)).hasValue(at("2025-06-04T13:00:00Z"));
    assertThat(CronSchedule.parse("@weekly", null).nextFireAfter(noon)).hasValue(at("2025-06-08T00:00:00Z"));
    assertThat(CronSchedule.parse("@monthly", null).nextFireAfter(noon)).hasValue(at("2025-07-01T00:00:00Z"));
    assertThat(CronSchedule.parse("@yearly", null).nextFireAfter(noon)).hasValue(at("2026-01-01T00:00:00Z"));
  }

  @Test
  void aDayMatchingEitherDayOfMonthOrDayOfWeekFiresAsInUnixCron() {
    CronSchedule schedule = CronSchedule.parse("0 0 15 * SUN", null);

    assertThat(firesAfter(schedule, at("2025-06-10T12:00:00Z"), 3)).containsExactly(
        at("2025-06-15T00:00:00Z"), at("2025-06-22T00:00:00Z"), at("2025-06-29T00:00:00Z"));
  }

  @Test
  void theTwentyNinthOfFebruaryWaitsForTheNextLeapYearEvenAcrossManyTransitions() {
    CronSchedule schedule = CronSchedule.parse("0 12 29 2 *", "Europe/Berlin");

    assertThat(schedule.nextFireAfter(at("2024-03-01T00:00:00Z"))).hasValue(at("2028-02-29T11:00:00Z"));
    assertThat(schedule.latestFireAtOrBefore(at("2028-02-28T00:00:00Z"))).hasValue(at("2024-02-29T11:00:00Z"));
  }

  @Test
  void aBlankZoneIsUtc() {
    assertThat(CronSchedule.parse("0 2 * * *", "").zone()).isEqualTo(ZoneId.of("Z"));
    assertThat(CronSchedule.timeZoneProblem(null)).isEmpty();
    assertThat(CronSchedule.timeZoneProblem(" ")).isEmpty();
  }

  @Test
  void onlyIanaZoneNamesAreZones() {
    assertThat(CronSchedule.timeZoneProblem("Europe/Moscow")).isEmpty();
    assertThat(CronSchedule.timeZoneProblem("Etc/UTC")).isEmpty();
    assertThat(CronSchedule.timeZoneProblem("Europe/Mosow")).hasValue(
        "\"Europe/Mosow\" is not an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)");
    assertThat(CronSchedule.timeZoneProblem("+03:00")).isPresent();
    assertThat(CronSchedule.timeZoneProblem("UTC+3")).isPresent();
    assertThat(CronSchedule.timeZoneProblem("europe/berlin")).isPresent();
    assertThatThrownBy(() -> CronSchedule.parse("0 2 * * *", "Mars/Olympus"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Mars/Olympus");
  }

  @Test
  void aBadExpressionGetsAShortOneLineReason() {
    assertThat(CronSchedule.cronProblem("0 2 * * *")).isEmpty();
    assertThat(CronSchedule.cronProblem("0 0 * * MON-FRI")).isEmpty();
    assertThat(CronSchedule.cronProblem("61 0 * * *"))
        .hasValue("\"61 0 * * *\" is not a valid cron expression: value 61 not in range [0, 59]");
    assertThat(CronSchedule.cronProblem("0 0 * * * *")).hasValue("\"0 0 * * * *\" is not a valid cron expression: "
        + "it has 6 fields, expected 5 (minute hour day-of-month month day-of-week)");
    assertThat(CronSchedule.cronProblem("daily")).hasValue("\"daily\" is not a valid cron expression: "
        + "it has 1 field, expected 5 (minute hour day-of-month month day-of-week)");
    assertThat(CronSchedule.cronProblem("CRON_TZ=UTC 0 2 * * *")).hasValue("\"CRON_TZ=UTC 0 2 * * *\" is not a "
        + "valid cron expression: give the time zone in spec.schedule.timeZone, not in the expression");
    assertThat(CronSchedule.cronProblem("@every 5m")).get().asString().contains("@hourly");
    assertThat(CronSchedule.cronProblem("")).hasValue(
        "is required (a 5-field cron expression: minute hour day-of-month month day-of-week)");
    assertThat(CronSchedule.cronProblem("0 0 L * *")).get().asString()
        .startsWith("\"0 0 L * *\" is not a valid cron expression: ").doesNotContain("\n");
  }

  @Test
  void anExpressionNamingOnlyDaysThatDoNotExistIsAProblem() {
    assertThat(CronSchedule.cronProblem("0 0 31 4 *")).hasValue(
        "\"0 0 31 4 *\" never fires (no month has the day it names)");
  }
}
