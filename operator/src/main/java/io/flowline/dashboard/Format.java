package io.flowline.dashboard;

import io.flowline.engine.Timestamps;
import java.time.Duration;
import java.time.Instant;

/** Times and durations as the pages print them. */
final class Format {
  private Format() {
  }

  /** "2026-11-23 08:30:12" (UTC, as stored) or "" for none. */
  static String time(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return "";
    }
    return rfc3339.replace('T', ' ').replace("Z", "");
  }

  /** From start to end, or to now while it lasts; "" before it started. */
  static String duration(String start, String end, Instant now) {
    Instant from = parse(start);
    if (from == null) {
      return "";
    }
    Instant to = parse(end);
    return duration(Duration.between(from, to == null ? now : to));
  }

  static String duration(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + "s");
    }
    return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : " " + seconds % 3600 / 60 + "m");
  }

  static Instant parse(String rfc3339) {
    try {
      return rfc3339 == null || rfc3339.isEmpty() ? null : Timestamps.parse(rfc3339);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
