package io.flowline.engine;

/**
 * Quotes user-supplied text for problem messages. Messages end up in a status condition, so control
 * characters are escaped (one problem stays on one line) and very long values are cut.
 */
final class Quote {
  private static final int MAX_CHARS = 100;

  private Quote() {
  }

  /** {@code abc} becomes {@code "abc"}; null is shown as {@code null} so it is not confused with "". */
  static String of(String text) {
    return text == null ? "null" : '"' + escaped(text) + '"';
  }

  /** A reference as the user wrote it: {@code params.x} becomes {@code $(params.x)}. */
  static String reference(String expression) {
    return "$(" + escaped(expression) + ")";
  }

  /** The text with control characters, quotes and backslashes escaped, cut after 100 characters. */
  static String escaped(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS) + 8);
    int shown = Math.min(text.length(), MAX_CHARS);
    if (shown < text.length() && Character.isHighSurrogate(text.charAt(shown - 1))) {
      shown--; // never cut a character in half
    }
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (shown < text.length()) {
      out.append("...");
    }
    return out.toString();
  }
}
