package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;
import java.util.Optional;

/** Finds a status condition by type, as kubectl wait and Argo CD do. */
final class Conditions {
  private Conditions() {
  }

  static Optional<Condition> find(List<Condition> conditions, String type) {
    return conditions == null ? Optional.empty()
        : conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  /** The condition of that type; fails the test, naming the conditions present, when there is none. */
  static Condition require(List<Condition> conditions, String type) {
    Optional<Condition> condition = find(conditions, type);
    assertThat(condition).as("condition %s in %s", type, conditions).isPresent();
    return condition.get();
  }
}
