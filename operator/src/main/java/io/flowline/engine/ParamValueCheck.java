package io.flowline.engine;

import io.flowline.api.ParamSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks one value against a param declaration (type, then enum); shared by the validator and the resolver. */
final class ParamValueCheck {
  private ParamValueCheck() {
  }

  static Optional<String> problem(ParamSpec param, String value) {
    Optional<String> typeProblem = ParamTypes.problem(param.getType(), value);
    if (typeProblem.isPresent()) {
      return typeProblem;
    }
    List<String> allowed = param.getAllowedValues();
    if (allowed != null && !allowed.isEmpty() && !allowed.contains(value == null ? "" : value)) {
      return Optional.of(Quote.of(value == null ? "" : value) + " is not one of " + listed(allowed));
    }
    return Optional.empty();
  }

  /** {@code [full, delta]}, as users wrote the enum. */
  static String listed(List<String> values) {
    return values.stream().filter(Objects::nonNull).map(Quote::escaped).collect(Collectors.joining(", ", "[", "]"));
  }
}
