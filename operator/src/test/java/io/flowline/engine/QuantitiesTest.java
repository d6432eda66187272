package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  @ParameterizedTest
  @CsvSource({
      "2, 2",
      "500m, 0.5",
      "0.5, 0.5",
      "1.5, 1.5",
      "5., 5",
      ".5, 0.5",
      "+1, 1",
      "-1, -1",
      "100n, 0.0000001",
      "250u, 0.00025",
      "1k, 1000",
      "1M, 1000000",
      "2G, 2000000000",
      "1T, 1000000000000",
      "1P, 1000000000000000",
      "1E, 1000000000000000000",
      "1Ki, 1024",
      "256Mi, 268435456",
      "1.5Gi, 1610612736",
      "1Ti, 1099511627776",
      "1Pi, 1125899906842624",
      "1Ei, 1152921504606846976",
      "1e3, 1000",
      "1E3, 1000",
      "1e+3, 1000",
      "5e-1, 0.5",
      "1.5e2, 150",
  })
  void parsesTheApiServersGrammar(String text, String value) {
    assertThat(Quantities.parse(text)).isEqualByComparingTo(new BigDecimal(value));
    assertThatCode(() -> Quantities.parse(text)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"lots", "12x", "1K", "1mi", "1Mb", "1 Gi", " 1", "1 ", "Mi", ".", "-", "+", "1e", "1e+",
      "1ee3", "1e3.5", "1e3k", "1.2.3", "--1", "0x10", "1Gi1", "1e1234567890"})
  void rejectsWhatIsNotAQuantity(String text) {
    assertThatThrownBy(() -> Quantities.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }

  @org.junit.jupiter.api.Test
  void namesTheValueAndGivesExamplesWhenRejecting() {
    assertThatThrownBy(() -> Quantities.parse("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("\"lots\" is not a quantity (use e.g. 500m, 2, 1.5, 256Mi, 1Gi or 1e3)");
  }
}
