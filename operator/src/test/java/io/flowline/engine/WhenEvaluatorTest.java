package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.WhenCondition;
import io.flowline.api.WhenOperator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WhenEvaluatorTest {
  private static final Map<String, String> VALUES = Map.of("params.mode", "delta", "nodes.a.outputs.rows", "",
      "run.name", "r1");

  private static WhenCondition when(String input, WhenOperator operator, String... values) {
    return new WhenCondition(input, operator, List.of(values));
  }

  @Test
  void inHoldsWhenTheSubstitutedInputIsOneOfTheValues() {
    assertThat(WhenEvaluator.unmet(List.of(when("$(params.mode)", WhenOperator.in, "full", "delta")), VALUES))
        .isEmpty();
  }

  @Test
  void anUnmetConditionNamesItsIndexTheInputAsWrittenItsValueAndTheValues() {
    assertThat(WhenEvaluator.unmet(List.of(
        when("$(run.name)", WhenOperator.in, "r1"),
        when("$(params.mode)", WhenOperator.in, "full")), VALUES))
        .contains("skipped: when[1] not met: \"$(params.mode)\" is \"delta\", not in [\"full\"]");
  }

  @Test
  void notinHoldsOnlyWhenTheInputIsNoneOfTheValues() {
    assertThat(WhenEvaluator.unmet(List.of(when("$(params.mode)", WhenOperator.notin, "full")), VALUES)).isEmpty();
    assertThat(WhenEvaluator.unmet(List.of(when("$(params.mode)", WhenOperator.notin, "full", "delta")), VALUES))
        .contains("skipped: when[0] not met: \"$(params.mode)\" is \"delta\", in [\"full\", \"delta\"]");
  }

  @Test
  void comparesExactlyAndAnEmptyOutputMatchesTheEmptyString() {
    assertThat(WhenEvaluator.unmet(List.of(when("$(params.mode)", WhenOperator.in, "Delta")), VALUES)).isPresent();
    assertThat(WhenEvaluator.unmet(List.of(when("$(nodes.a.outputs.rows)", WhenOperator.in, "")), VALUES)).isEmpty();
    assertThat(WhenEvaluator.unmet(List.of(when("mode-$(params.mode)", WhenOperator.in, "mode-delta")), VALUES))
        .isEmpty();
  }

  @Test
  void noConditionsAlwaysHold() {
    assertThat(WhenEvaluator.unmet(List.of(), VALUES)).isEmpty();
    assertThat(WhenEvaluator.unmet(null, VALUES)).isEmpty();
  }
}
