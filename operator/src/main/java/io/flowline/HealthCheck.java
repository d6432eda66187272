package io.flowline;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One aspect of the operator's health: empty when fine, otherwise what is wrong, in words for a human. */
@FunctionalInterface
interface HealthCheck {
  Optional<String> problem();

  /** Healthy when every check is; otherwise names every problem, so one probe answer shows all that is wrong. */
  static HealthCheck allOf(List<HealthCheck> checks) {
    List<HealthCheck> copy = List.copyOf(checks);
    return () -> {
      String problems = copy.stream().map(HealthCheck::problem).flatMap(Optional::stream)
          .collect(Collectors.joining("; "));
      return problems.isEmpty() ? Optional.empty() : Optional.of(problems);
    };
  }
}
