package io.flowline.cli.render;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Durations and ages as kubectl prints them: 42s, 3m05s, 2h07m, 3d04h. */
public final class TimeText {
  private TimeText() {
  }

  public static String duration(Duration duration) {
    long s = Math.max(0, duration.getSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86_400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86_400, (s % 86_400) / 3600);
  }

  /** From start to end, or to now while it has not ended; "" without a start. */
  public static String between(String start, String end, Instant now) {
    Instant from = parse(start);
    if (from == null) {
      return "";
    }
    Instant to = parse(end);
    return duration(Duration.between(from, to == null ? now : to));
  }

  /** How long ago, e.g. 5m; "" without a time. */
  public static String age(String time, Instant now) {
    Instant at = parse(time);
    return at == null ? "" : duration(Duration.between(at, now));
  }

  public static Instant parse(String time) {
    if (time == null || time.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(time);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
