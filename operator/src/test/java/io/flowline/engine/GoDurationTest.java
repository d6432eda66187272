package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowline.api.Durations;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
      "0, PT0S",
      "0s, PT0S",
      "500ms, PT0.5S",
      "30s, PT30S",
      "5m, PT5M",
      "1.5h, PT1H30M",
      "1h30m, PT1H30M",
      "2h45m10s, PT2H45M10S",
      "1.25s, PT1.25S",
      "1m1ms, PT1M0.001S",
      "90m, PT1H30M",
      "0.5ms, PT0.0005S",
  })
  void parsesGoStyleDurations(String text, String expected) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void treatsMissingAsZero(String text) {
    assertThat(GoDuration.parse(text)).isZero();
    assertThatCode(() -> GoDuration.parse(text)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"10x", "10", "-5s", "+5s", "1.s", ".5s", "5 s", " 5s", "1d", "1us", "5S", "00", "s", "1h-30m"})
  void rejectsWhatTheSchemaPatternRejects(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
    assertThat(text).doesNotMatch(Durations.PATTERN);
  }

  @Test
  void namesTheValueAndGivesExamplesWhenRejecting() {
    assertThatThrownBy(() -> GoDuration.parse("10x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"10x\" is not a duration (use e.g. 30s, 5m, 1h30m)");
  }

  @Test
  void acceptsUpToOneYearAndRejectsLongerNamingTheBound() {
    assertThat(GoDuration.parse("8760h")).isEqualTo(GoDuration.MAX).isEqualTo(Duration.ofDays(365));
    assertThat(GoDuration.parse("525600m")).isEqualTo(GoDuration.MAX);
    assertThatThrownBy(() -> GoDuration.parse("8760h1ms")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoDuration.parse("9000000000000h"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"9000000000000h\" is longer than the maximum 8760h (one year)");
  }

  @Test
  void rejectsDurationsTooLongForJavaInsteadOfOverflowing() {
    assertThatThrownBy(() -> GoDuration.parse("99999999999999999999999h")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GoDuration.parse("99999999999999999999999h"))
        .hasMessageContaining("99999999999999999999999h");
  }

  @ParameterizedTest
  @CsvSource({
      "PT1H30M, 1h30m",
      "PT45S, 45s",
      "PT0S, 0s",
      "PT0.25S, 250ms",
      "PT2H, 2h",
      "PT1H0M5S, 1h5s",
      "PT1.5S, 1.5s",
      "PT0.0005S, 0.5ms",
      "PT26H, 26h",
  })
  void formatsCompactly(String duration, String expected) {
    assertThat(GoDuration.format(Duration.parse(duration))).isEqualTo(expected);
  }

  @Test
  void formatsNullAsZeroAndNegativeWithSign() {
    assertThat(GoDuration.format(null)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofSeconds(-90))).isEqualTo("-1m30s");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 999, 1_000_000, 1_500_000_000L, 59_999_999_999L, 3_600_000_000_001L, 86_399_123_456_789L})
  void formatReadsBackToTheSameDuration(long nanos) {
    Duration d = Duration.ofNanos(nanos);
    assertThat(GoDuration.parse(GoDuration.format(d))).isEqualTo(d);
  }
}
