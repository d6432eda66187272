package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuoteTest {

  @Test
  void wrapsTextInDoubleQuotesAndShowsNullPlainly() {
    assertThat(Quote.of("abc")).isEqualTo("\"abc\"");
    assertThat(Quote.of("")).isEqualTo("\"\"");
    assertThat(Quote.of(null)).isEqualTo("null");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Quote.of("a\"b\\c\nd\te\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\te\\u0001\"");
  }

  @Test
  void cutsLongTextWithoutSplittingACharacter() {
    assertThat(Quote.escaped("x".repeat(150))).isEqualTo("x".repeat(100) + "...");
    String emoji = "x".repeat(99) + "\uD83D\uDE00" + "tail";
    assertThat(Quote.escaped(emoji)).isEqualTo("x".repeat(99) + "...");
  }

  @Test
  void showsReferencesAsWritten() {
    assertThat(Quote.reference("params.x")).isEqualTo("$(params.x)");
  }
}
