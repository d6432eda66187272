package io.flowline.api;

/** The schema pattern shared by every duration field; the engine parses the same grammar. */
public final class Durations {
  /** Go-style duration: one or more number+unit pairs (ms, s, m, h), or a bare 0. */
  public static final String PATTERN = "^(0|([0-9]+(\\.[0-9]+)?(ms|s|m|h))+)$";
  /** The longest duration allowed anywhere (the engine enforces it; a pattern cannot compare numbers). */
  public static final String MAX_TEXT = "8760h (one year)";
  /** The sentence every duration field's description ends with. */
  public static final String BOUND = " At most " + MAX_TEXT + ".";

  private Durations() {
  }
}
