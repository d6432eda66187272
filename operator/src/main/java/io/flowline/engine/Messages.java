package io.flowline.engine;

/** Bounds the length of messages written to status and Events without losing what a reader needs first. */
public final class Messages {
  /** Marks where text was cut out. */
  public static final String CUT = " ... ";

  private Messages() {
  }

  /**
   * Text of at most {@code max} characters: text that fits is returned as is; longer text keeps its head and its
   * tail and loses the middle, marked by {@link #CUT}. The head carries what a message is about ("node x failed:",
   * "exit code 3:") and the tail of a log holds the last lines users look for, so neither may be cut. A
   * surrogate pair is never split. Null stays null.
   */
  public static String abbreviate(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    if (max <= CUT.length() + 1) {
      return text.substring(0, pairSafeEnd(text, Math.max(0, max)));
    }
    int kept = max - CUT.length();
    int headEnd = pairSafeEnd(text, kept - kept / 2);
    int tailStart = pairSafeStart(text, text.length() - kept / 2);
    return text.substring(0, headEnd) + CUT + text.substring(tailStart);
  }

  /** {@code end}, moved back by one when it would split a surrogate pair. */
  private static int pairSafeEnd(String text, int end) {
    return end > 0 && end < text.length() && Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
  }

  /** {@code start}, moved forward by one when it would split a surrogate pair. */
  private static int pairSafeStart(String text, int start) {
    return start > 0 && start < text.length() && Character.isLowSurrogate(text.charAt(start)) ? start + 1 : start;
  }
}
