package io.flowline.engine;

import io.flowline.api.Durations;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations as accepted by the CRD schema ({@link Durations#PATTERN}): number+unit pairs with units
 * ms, s, m, h ("500ms", "1.5h", "1h30m") or a bare "0". Parsing uses the very same pattern as the schema so
 * a value the API server accepted is never rejected here, and vice versa.
 */
public final class GoDuration {
  /**
   * The longest duration a spec may give. Every duration ends up added to an Instant or turned into seconds for the
   * API (activeDeadlineSeconds); a year is longer than any sensible timeout or delay and keeps that arithmetic far
   * from overflowing.
   */
  public static final Duration MAX = Duration.ofHours(8760);
  /** How {@link #MAX} is written in messages and CRD descriptions. */
  public static final String MAX_TEXT = Durations.MAX_TEXT;
  private static final Pattern WHOLE = Pattern.compile(Durations.PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");
  private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);
  private static final BigDecimal MAX_NANOS = BigDecimal.valueOf(MAX.getSeconds()).multiply(NANOS_PER_SECOND);

  private GoDuration() {
  }

  /**
   * Parses a duration; null or blank means "not set" and gives {@link Duration#ZERO}. Fractions below one
   * nanosecond are dropped.
   *
   * @throws IllegalArgumentException when the text is not a duration (the message says so and gives examples) or
   *     is longer than {@link #MAX}
   */
  public static Duration parse(String text) {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(Quote.of(text) + " is not a duration (use e.g. 30s, 5m, 1h30m)");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = PART.matcher(text);
    while (part.find()) {
      nanos = nanos.add(new BigDecimal(part.group(1)).multiply(nanosPerUnit(part.group(2))));
    }
    if (nanos.compareTo(MAX_NANOS) > 0) {
      throw new IllegalArgumentException(Quote.of(text) + " is longer than the maximum " + MAX_TEXT);
    }
    BigInteger[] secondsAndNanos = nanos.toBigInteger().divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
    return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
  }


  /**
   * Compact text that {@link #parse} reads back to the same duration: zero parts are left out ("1h30m", not
   * Go's "1h30m0s"), seconds may carry a fraction ("1.5s"), and below one second milliseconds are used
   * ("250ms", "0.5ms") because the grammar has no µs/ns units. Zero is "0s"; a negative duration gets a
   * leading '-' (which parse does not accept: durations in specs are never negative).
   */
  public static String format(Duration d) {
    if (d == null || d.isZero()) {
      return "0s";
    }
    if (d.isNegative()) {
      return "-" + format(d.negated());
    }
    long totalSeconds = d.getSeconds();
    int nanos = d.getNano();
    long hours = totalSeconds / 3600;
    long minutes = totalSeconds % 3600 / 60;
    long seconds = totalSeconds % 60;
    StringBuilder out = new StringBuilder();
    if (hours > 0) {
      out.append(hours).append('h');
    }
    if (minutes > 0) {
      out.append(minutes).append('m');
    }
    if (seconds > 0 || (nanos > 0 && totalSeconds > 0)) {
      out.append(seconds).append(fraction(nanos, 9)).append('s');
    } else if (nanos > 0) {
      out.append(nanos / 1_000_000).append(fraction(nanos % 1_000_000, 6)).append("ms");
    }
    return out.toString();
  }

  /** ".5" for 500_000_000 of 9 digits; "" for 0. */
  private static String fraction(int value, int digits) {
    if (value == 0) {
      return "";
    }
    String padded = String.format("%0" + digits + "d", value);
    int end = padded.length();
    while (padded.charAt(end - 1) == '0') {
      end--;
    }
    return "." + padded.substring(0, end);
  }

  private static BigDecimal nanosPerUnit(String unit) {
    return switch (unit) {
      case "ms" -> BigDecimal.valueOf(1_000_000L);
      case "s" -> NANOS_PER_SECOND;
      case "m" -> BigDecimal.valueOf(60_000_000_000L);
      case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
      default -> throw new IllegalStateException("unit not in the pattern: " + unit);
    };
  }
}
