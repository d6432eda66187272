package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ParamType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParamTypesTest {

  @ParameterizedTest
  @ValueSource(strings = {"0", "42", "-7", "007", "123456789012345678901234567890"})
  void acceptsIntegers(String value) {
    assertThat(ParamTypes.problem(ParamType.INTEGER, value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "+1", "1.0", "1e3", " 1", "1 ", "--1", "-", "0x10", "١٢"})
  void rejectsNonIntegers(String value) {
    assertThat(ParamTypes.problem(ParamType.INTEGER, value)).isPresent();
  }

  @Test
  void namesTheValueInTheProblem() {
    assertThat(ParamTypes.problem(ParamType.INTEGER, "abc")).contains("\"abc\" is not an integer");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "1.5", "-0.25", "1e10", "-2.5E-3", "6.02e+23", "007"})
  void acceptsNumbersInDecimalOrExponentForm(String value) {
    assertThat(ParamTypes.problem(ParamType.NUMBER, value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".5", "1.", "+1", "NaN", "Infinity", "-Infinity", "0x1F", "1_000", "1e", "e5",
      "1.5.2", " 1", "1,5"})
  void rejectsOtherNumberForms(String value) {
    assertThat(ParamTypes.problem(ParamType.NUMBER, value)).hasValueSatisfying(
        problem -> assertThat(problem).contains("is not a number"));
  }

  @Test
  void acceptsOnlyLowerCaseTrueAndFalseAsBooleans() {
    assertThat(ParamTypes.problem(ParamType.BOOLEAN, "true")).isEmpty();
    assertThat(ParamTypes.problem(ParamType.BOOLEAN, "false")).isEmpty();
    for (String value : new String[] {"True", "FALSE", "yes", "1", "", " true"}) {
      assertThat(ParamTypes.problem(ParamType.BOOLEAN, value)).as(value).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-08-22", "2024-02-29", "2000-02-29", "1999-12-31", "2025-01-01"})
  void acceptsRealCalendarDays(String value) {
    assertThat(ParamTypes.problem(ParamType.DATE, value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-02-29", "2025-02-30", "1900-02-29", "2025-13-01", "2025-00-10", "2025-04-31",
      "2025-8-22", "25-08-22", "2025/08/22", "2025-08-22T00:00:00Z", "", "20250822"})
  void rejectsDatesThatAreNotRealDaysOrNotYyyyMmDd(String value) {
    assertThat(ParamTypes.problem(ParamType.DATE, value)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-08-22T02:00:00Z", "2025-08-22T02:00:00+03:00", "2025-08-22T02:00:00.123456-05:30",
      "2024-02-29T23:59:59z", "2025-08-22t02:00:00Z"})
  void acceptsRfc3339DateTimesWithOffset(String value) {
    assertThat(ParamTypes.problem(ParamType.DATETIME, value)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"2025-08-22T02:00:00", "2025-08-22 02:00:00Z", "2025-08-22", "2025-02-30T00:00:00Z",
      "2025-08-22T24:00:00Z", "2025-08-22T02:60:00Z", "2025-08-22T02:00:60Z", "2025-08-22T02:00Z",
      "2025-08-22T02:00:00+0300", "2025-08-22T02:00:00+24:00", "2025-08-22T02:00:00.Z", "now"})
  void rejectsDateTimesWithoutOffsetOrOutOfRange(String value) {
    assertThat(ParamTypes.problem(ParamType.DATETIME, value)).isPresent();
  }

  @Test
  void acceptsAnythingAsStringAndTreatsANullTypeAsString() {
    assertThat(ParamTypes.problem(ParamType.STRING, "")).isEmpty();
    assertThat(ParamTypes.problem(ParamType.STRING, "any $(thing) at all")).isEmpty();
    assertThat(ParamTypes.problem(null, "abc")).isEmpty();
    assertThat(ParamTypes.problem(null, null)).isEmpty();
  }

  @Test
  void checksANullValueAsTheEmptyString() {
    assertThat(ParamTypes.problem(ParamType.INTEGER, null)).contains("\"\" is not an integer");
  }
}
