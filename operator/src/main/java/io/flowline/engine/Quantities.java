package io.flowline.engine;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Kubernetes resource quantities ("500m", "1.5Gi", "2e3"), parsed by the API server's own grammar
 * (k8s.io/apimachinery resource.ParseQuantity), so a quantity the API server would refuse is caught by validation:
 *
 * <pre>
 * quantity       ::= signedNumber suffix
 * signedNumber   ::= [ "+" | "-" ] number
 * number         ::= digits | digits "." digits | digits "." | "." digits
 * suffix         ::= binarySI | decimalSI | decimalExponent
 * binarySI       ::= Ki | Mi | Gi | Ti | Pi | Ei
 * decimalSI      ::= n | u | m | "" | k | M | G | T | P | E
 * decimalExponent::= ( "e" | "E" ) [ "+" | "-" ] digits
 * </pre>
 *
 * <p>The API server's parser also takes a few degenerate forms without any digit ("Mi", ".", "-") as zero; those are
 * rejected here, as the grammar says, since nobody means them.
 */
public final class Quantities {
  private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
      Map.entry("", BigDecimal.ONE),
      Map.entry("n", BigDecimal.ONE.scaleByPowerOfTen(-9)),
      Map.entry("u", BigDecimal.ONE.scaleByPowerOfTen(-6)),
      Map.entry("m", BigDecimal.ONE.scaleByPowerOfTen(-3)),
      Map.entry("k", BigDecimal.ONE.scaleByPowerOfTen(3)),
      Map.entry("M", BigDecimal.ONE.scaleByPowerOfTen(6)),
      Map.entry("G", BigDecimal.ONE.scaleByPowerOfTen(9)),
      Map.entry("T", BigDecimal.ONE.scaleByPowerOfTen(12)),
      Map.entry("P", BigDecimal.ONE.scaleByPowerOfTen(15)),
      Map.entry("E", BigDecimal.ONE.scaleByPowerOfTen(18)),
      Map.entry("Ki", BigDecimal.valueOf(2).pow(10)),
      Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
      Map.entry("Gi", BigDecimal.valueOf(2).pow(30)),
      Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
      Map.entry("Pi", BigDecimal.valueOf(2).pow(50)),
      Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));
  /** Longer exponents than this are not quantities anyone means (the API server keeps a 32-bit scale). */
  private static final int MAX_EXPONENT_DIGITS = 9;

  private Quantities() {
  }

  /**
   * The value of a quantity ("1.5Gi" is 1610612736, "500m" is 0.5).
   *
   * @throws IllegalArgumentException when the text is not a quantity; the message quotes it and gives examples
   */
  public static BigDecimal parse(String text) {
    if (text == null || text.isEmpty()) {
      throw notAQuantity(text);
    }
    int pos = 0;
    int end = text.length();
    boolean negative = false;
    if (text.charAt(pos) == '+' || text.charAt(pos) == '-') {
      negative = text.charAt(pos) == '-';
      pos++;
    }
    int numberStart = pos;
    int digits = 0;
    while (pos < end && isDigit(text.charAt(pos))) {
      pos++;
      digits++;
    }
    if (pos < end && text.charAt(pos) == '.') {
      pos++;
      while (pos < end && isDigit(text.charAt(pos))) {
        pos++;
        digits++;
      }
    }
    if (digits == 0) {
      throw notAQuantity(text);
    }
    String number = text.substring(numberStart, pos);
    BigDecimal value = new BigDecimal(number.endsWith(".") ? number + "0" : number.startsWith(".") ? "0" + number
        : number).multiply(multiplier(text, text.substring(pos)));
    return negative ? value.negate() : value;
  }


  private static BigDecimal multiplier(String text, String suffix) {
    BigDecimal multiplier = SUFFIXES.get(suffix);
    if (multiplier != null) {
      return multiplier;
    }
    if (suffix.length() < 2 || (suffix.charAt(0) != 'e' && suffix.charAt(0) != 'E')) {
      throw notAQuantity(text);
    }
    String exponent = suffix.substring(suffix.charAt(1) == '+' || suffix.charAt(1) == '-' ? 2 : 1);
    if (exponent.isEmpty() || exponent.length() > MAX_EXPONENT_DIGITS || !exponent.chars().allMatch(c -> isDigit((char) c))) {
      throw notAQuantity(text);
    }
    int power = Integer.parseInt(exponent);
    return BigDecimal.ONE.scaleByPowerOfTen(suffix.charAt(1) == '-' ? -power : power);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static IllegalArgumentException notAQuantity(String text) {
    return new IllegalArgumentException(Quote.of(text == null ? "" : text) + " is not a quantity (use e.g. 500m, 2, "
        + "1.5, 256Mi, 1Gi or 1e3)");
  }
}
