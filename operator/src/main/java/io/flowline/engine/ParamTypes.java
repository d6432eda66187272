package io.flowline.engine;

import io.flowline.api.ParamType;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a param value (always a string) against its declared type. The grammars are strict on purpose:
 * values reach containers as raw text, so "fits the type" must mean "any program reading that type parses it".
 *
 * <ul>
 *   <li>integer: {@code -?[0-9]+} (leading zeros allowed, no '+', no size limit)</li>
 *   <li>number: {@code -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?}: every integer, decimals with digits on both
 *       sides of the dot, an optional exponent ("1.5", "-2.5E-3", "1e10"). Not accepted: ".5", "1.", "+1",
 *       NaN, Infinity, hex, "1_000", surrounding spaces</li>
 *   <li>boolean: exactly {@code true} or {@code false}</li>
 *   <li>date: {@code YYYY-MM-DD}, a real calendar day (2024-02-29 yes, 2025-02-29 no)</li>
 *   <li>datetime: RFC 3339 date-time with a mandatory offset: {@code 2025-08-22T02:00:00Z},
 *       {@code 2025-08-22T02:00:00.123+03:00}. 'T' and 'Z' may be lower case as RFC 3339 allows; a space
 *       instead of 'T' is not accepted; second 60 (leap second) is not accepted because most parsers
 *       reject it</li>
 *   <li>array: a JSON array of strings, e.g. {@code ["eu","us"]} (the items of a forEach)</li>
 *   <li>string (also a null type): anything</li>
 * </ul>
 */
public final class ParamTypes {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
  private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final Pattern DATE = Pattern.compile("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  private static final Pattern DATETIME = Pattern.compile(
      "([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?"
          + "([Zz]|[+-]([0-9]{2}):([0-9]{2}))");

  private ParamTypes() {
  }

  /**
   * Empty when the value fits the type, otherwise a short text naming the value, e.g.
   * {@code "abc" is not an integer}. A null value is checked as the empty string.
   */
  public static Optional<String> problem(ParamType type, String value) {
    String text = value == null ? "" : value;
    ParamType effective = type == null ? ParamType.STRING : type;
    boolean fits = switch (effective) {
      case STRING -> true;
      case INTEGER -> INTEGER.matcher(text).matches();
      case NUMBER -> NUMBER.matcher(text).matches();
      case BOOLEAN -> text.equals("true") || text.equals("false");
      case DATE -> isDate(text);
      case DATETIME -> isDateTime(text);
      case ARRAY -> JsonArrays.strings(text).isPresent();
    };
    return fits ? Optional.empty() : Optional.of(Quote.of(text) + " is not " + describe(effective));
  }

  private static String describe(ParamType type) {
    return switch (type) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean (use true or false)";
      case DATE -> "a date (use YYYY-MM-DD, a real calendar day)";
      case DATETIME -> "a datetime (use RFC 3339 with an offset, e.g. 2025-08-22T02:00:00Z)";
      case ARRAY -> "an array (use a JSON array of strings, e.g. [\"eu\",\"us\"])";
    };
  }

  private static boolean isDate(String text) {
    Matcher m = DATE.matcher(text);
    return m.matches() && isCalendarDay(m.group(1), m.group(2), m.group(3));
  }

  private static boolean isDateTime(String text) {
    Matcher m = DATETIME.matcher(text);
    if (!m.matches() || !isCalendarDay(m.group(1), m.group(2), m.group(3))) {
      return false;
    }
    boolean timeOk = inRange(m.group(4), 23) && inRange(m.group(5), 59) && inRange(m.group(6), 59);
    boolean offsetOk = m.group(9) == null || (inRange(m.group(9), 23) && inRange(m.group(10), 59));
    return timeOk && offsetOk;
  }

  private static boolean isCalendarDay(String year, String month, String day) {
    try {
      LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
      return true;
    } catch (DateTimeException e) {
      return false;
    }
  }

  private static boolean inRange(String twoDigits, int max) {
    return Integer.parseInt(twoDigits) <= max;
  }
}
