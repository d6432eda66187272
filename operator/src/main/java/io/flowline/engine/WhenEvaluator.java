package io.flowline.engine;

import io.flowline.api.WhenCondition;
import io.flowline.api.WhenOperator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides a node's {@code when}: every condition must hold. A pure function of the conditions and the values the
 * node's own substitution would use, so evaluating the same node again (a lost status write, an operator restart)
 * gives the same answer.
 */
public final class WhenEvaluator {
  /** The reason of a node skipped because a condition did not hold. */
  public static final String REASON = "WhenNotMet";

  private WhenEvaluator() {
  }

  /**
   * Why the node must be skipped, naming the first condition that does not hold with its evaluated input and
   * values; empty when every condition holds (or there is none).
   *
   * @param values the node's substitution values ({@link SubstitutionValues}, upstream outputs included)
   */
  public static Optional<String> unmet(List<WhenCondition> when, Map<String, String> values) {
    if (when == null) {
      return Optional.empty();
    }
    for (int i = 0; i < when.size(); i++) {
      WhenCondition condition = when.get(i);
      if (condition == null) {
        continue; // the validator refuses it; never a reason to skip
      }
      String input = Substitution.apply(condition.getInput() == null ? "" : condition.getInput(), values);
      List<String> accepted = condition.getValues();
      boolean among = accepted.contains(input);
      boolean holds = condition.getOperator() == WhenOperator.notin ? !among : among;
      if (!holds) {
        return Optional.of("skipped: when[" + i + "] not met: " + Quote.of(condition.getInput()) + " is "
            + Quote.of(input) + ", " + (among ? "in " : "not in ") + valuesShown(accepted));
      }
    }
    return Optional.empty();
  }

  private static String valuesShown(List<String> values) {
    return values.stream().limit(10).map(Quote::of).collect(Collectors.joining(", ", "[",
        values.size() > 10 ? ", ...]" : "]"));
  }
}
