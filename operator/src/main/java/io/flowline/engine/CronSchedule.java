package io.flowline.engine;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline's {@code spec.schedule}: a standard 5-field cron expression (minute hour day-of-month month
 * day-of-week, parsed by cron-utils as UNIX cron) read in an IANA time zone (default UTC). The fixed nicknames a
 * CronJob accepts ({@code @yearly}, {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily},
 * {@code @midnight}, {@code @hourly}) are accepted too. As in UNIX cron, when both day-of-month and day-of-week are
 * restricted a day matching either one fires.
 *
 * <p><b>Daylight saving time</b> follows Kubernetes CronJob with {@code spec.timeZone} (robfig/cron v3): the fires
 * are exactly the instants whose wall-clock time in the zone matches the expression.
 * <ul>
 *   <li>Spring forward: a wall-clock time the clocks jump over does not exist, so it does not fire that day; it is
 *       not moved to the next valid time. {@code 30 2 * * *} in Europe/Berlin has no fire on 2025-03-30 (02:00
 *       becomes 03:00); {@code 0 * * * *} fires at 01:00 and then 03:00.</li>
 *   <li>Fall back: a wall-clock time the clocks repeat exists twice, an hour apart, and fires at both instants
 *       ({@code 30 2 * * *} in Europe/Berlin fires at 02:30 CEST and at 02:30 CET on 2025-10-26). The two runs get
 *       different names ({@link RunNames#scheduled}). robfig/cron's own tests call this "runs twice"; a user who
 *       wants exactly one run a day picks a time outside 02:00-03:00 or the UTC zone.</li>
 * </ul>
 * cron-utils alone does not do this consistently (across a fall back it fires {@code 0 * * * *} twice but
 * {@code 30 2 * * *} once), so it is asked only about wall-clock times, in UTC where none are skipped or repeated,
 * and this class maps them to instants one UTC-offset period of the zone at a time.
 *
 * <p>Instances are cheap and meant for one decision: cron-utils does not promise thread safety.
 */
public final class CronSchedule {
  private static final CronDefinition UNIX = CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX);
  private static final Map<String, String> NICKNAMES = Map.of(
      "@yearly", "0 0 1 1 *",
      "@annually", "0 0 1 1 *",
      "@monthly", "0 0 1 * *",
      "@weekly", "0 0 * * 0",
      "@daily", "0 0 * * *",
      "@midnight", "0 0 * * *",
      "@hourly", "0 * * * *");
  private static final String FIELDS = "minute hour day-of-month month day-of-week";
  /**
   * How many UTC-offset periods a search crosses before giving up. Zones change offset about twice a year, and the
   * rarest possible fire (29 February) can be 8 years away.
   */
  private static final int MAX_PERIODS = 64;

  private final String expression;
  private final ZoneId zone;
  private final ZoneRules rules;
  private final ExecutionTime wallClock;

  private CronSchedule(String expression, ZoneId zone, ExecutionTime wallClock) {
    this.expression = expression;
    this.zone = zone;
    this.rules = zone.getRules();
    this.wallClock = wallClock;
  }

  /**
   * @param timeZone an IANA name; null or blank means UTC
   * @throws IllegalArgumentException with the message of {@link #cronProblem} or {@link #timeZoneProblem}
   */
  public static CronSchedule parse(String cron, String timeZone) {
    ZoneId zone = zoneOf(timeZone);
    String expression = expand(cron);
    checkFieldCount(expression);
    try {
      return new CronSchedule(cron.trim(), zone,
          ExecutionTime.forCron(new CronParser(UNIX).parse(expression).validate()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(Quote.of(cron) + " is not a valid cron expression: " + concise(e));
    }
  }

  /** Why the expression cannot be a schedule, in one line; empty when it can. */
  public static Optional<String> cronProblem(String cron) {
    try {
      CronSchedule schedule = parse(cron, null);
      // An expression naming only days that do not exist (31 April) parses but would silently never run.
      if (schedule.wallClock.nextExecution(ZonedDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)).isEmpty()) {
        return Optional.of(Quote.of(cron) + " never fires (no month has the day it names)");
      }
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Why the zone is not usable, in one line; empty when it is (null and blank are: they mean UTC). */
  public static Optional<String> timeZoneProblem(String timeZone) {
    try {
      zoneOf(timeZone);
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  public String expression() {
    return expression;
  }

  public ZoneId zone() {
    return zone;
  }

  /** The first fire strictly after {@code after}; empty when there is none in the next years. */
  public Optional<Instant> nextFireAfter(Instant after) {
    Instant from = after;
    boolean fromIncluded = false;
    for (int i = 0; i < MAX_PERIODS; i++) {
      ZoneOffset offset = rules.getOffset(from);
      ZoneOffsetTransition periodEnd = rules.nextTransition(from);
      Optional<LocalDateTime> match = firstMatch(LocalDateTime.ofInstant(from, offset), fromIncluded);
      if (match.isEmpty()) {
        return Optional.empty();
      }
      Instant fire = match.get().toInstant(offset);
      if (periodEnd == null || fire.isBefore(periodEnd.getInstant())) {
        return Optional.of(fire);
      }
      // The match is past this period: its wall-clock time belongs to the next offset, where it may be an
      // instant earlier than computed here (fall back), or not exist at all (spring forward).
      from = periodEnd.getInstant();
      fromIncluded = true;
    }
    return Optional.empty();
  }

  /** The latest fire at or before {@code at}; empty when there is none in the years before. */
  public Optional<Instant> latestFireAtOrBefore(Instant at) {
    Instant until = at;
    for (int i = 0; i < MAX_PERIODS; i++) {
      ZoneOffset offset = rules.getOffset(until);
      // previousTransition is strictly before its argument; the period that holds `until` may start exactly there.
      ZoneOffsetTransition periodStart = rules.previousTransition(until.plusNanos(1));
      Optional<LocalDateTime> match = latestMatch(LocalDateTime.ofInstant(until, offset));
      if (match.isEmpty()) {
        return Optional.empty();
      }
      Instant fire = match.get().toInstant(offset);
      if (periodStart == null || !fire.isBefore(periodStart.getInstant())) {
        return Optional.of(fire);
      }
      until = periodStart.getInstant().minusNanos(1);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return expression + " in " + zone;
  }

  private Optional<LocalDateTime> firstMatch(LocalDateTime from, boolean fromIncluded) {
    ZonedDateTime asUtc = from.atZone(ZoneOffset.UTC);
    // cron-utils matches ignoring seconds, but a fire is a whole minute.
    if (fromIncluded && from.equals(from.truncatedTo(ChronoUnit.MINUTES)) && wallClock.isMatch(asUtc)) {
      return Optional.of(from);
    }
    return wallClock.nextExecution(asUtc).map(ZonedDateTime::toLocalDateTime);
  }

  private Optional<LocalDateTime> latestMatch(LocalDateTime until) {
    ZonedDateTime minute = until.truncatedTo(ChronoUnit.MINUTES).atZone(ZoneOffset.UTC);
    if (wallClock.isMatch(minute)) {
      return Optional.of(minute.toLocalDateTime());
    }
    return wallClock.lastExecution(minute).map(ZonedDateTime::toLocalDateTime);
  }

  private static ZoneId zoneOf(String timeZone) {
    if (timeZone == null || timeZone.isBlank()) {
      return ZoneOffset.UTC;
    }
    // Only tz database names: ZoneId.of would also take "+03:00" or "UTC+3", which a CronJob user cannot write and
    // which have no daylight saving rules, so they would be a trap rather than a feature.
    if (!ZoneId.getAvailableZoneIds().contains(timeZone)) {
      throw new IllegalArgumentException(Quote.of(timeZone)
          + " is not an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)");
    }
    return ZoneId.of(timeZone);
  }

  private static String expand(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("is required (a 5-field cron expression: " + FIELDS + ")");
    }
    String trimmed = cron.trim();
    if (trimmed.startsWith("@")) {
      String expanded = NICKNAMES.get(trimmed.toLowerCase(Locale.ROOT));
      if (expanded == null) {
        throw new IllegalArgumentException(Quote.of(cron) + " is not a valid cron expression: the nicknames are "
            + "@yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly");
      }
      return expanded;
    }
    return trimmed;
  }

  private static void checkFieldCount(String expression) {
    String[] fields = expression.split("\\s+");
    if (fields[0].startsWith("TZ=") || fields[0].startsWith("CRON_TZ=")) {
      throw new IllegalArgumentException(Quote.of(expression) + " is not a valid cron expression: give the time "
          + "zone in spec.schedule.timeZone, not in the expression");
    }
    if (fields.length != 5) {
      throw new IllegalArgumentException(Quote.of(expression) + " is not a valid cron expression: it has "
          + fields.length + (fields.length == 1 ? " field" : " fields") + ", expected 5 (" + FIELDS + ")");
    }
  }

  /** cron-utils' message without its generic lead-in, which the caller's own words replace. */
  private static String concise(IllegalArgumentException e) {
    // One problem stays on one line of the condition message.
    String message = e.getMessage() == null ? "cannot be parsed" : e.getMessage().strip().replaceAll("\\s+", " ");
    message = message.replaceFirst("^Failed to parse cron expression\\.\\s*", "");
    message = message.replaceFirst("^Failed to parse '[^']*'\\.\\s*", "");
    return message.isEmpty() ? "cannot be parsed" : Character.toLowerCase(message.charAt(0)) + message.substring(1);
  }
}
