package io.flowline.engine;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Sets one condition in a list, keeping lastTransitionTime when the status value did not change. */
public final class Conditions {
  private Conditions() {
  }

  /** The reason of the condition of {@code type}; null when there is none. */
  public static String reason(List<Condition> conditions, String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).map(Condition::getReason).findFirst()
        .orElse(null);
  }

  public static List<Condition> set(List<Condition> existing, String type, String status, String reason,
      String message, Long observedGeneration, Instant now) {
    Condition previous = existing.stream().filter(c -> type.equals(c.getType())).findFirst().orElse(null);
    String transition = previous != null && Objects.equals(previous.getStatus(), status)
        && previous.getLastTransitionTime() != null ? previous.getLastTransitionTime() : Timestamps.format(now);
    Condition condition = new ConditionBuilder()
        .withType(type)
        .withStatus(status)
        .withReason(reason)
        // Empty strings are left out: some API servers (v1.20 here) reject "" where the schema says string.
        .withMessage(message == null || message.isEmpty() ? null
            : Messages.abbreviate(message, RunStatuses.MESSAGE_LIMIT))
        .withLastTransitionTime(transition)
        .withObservedGeneration(observedGeneration)
        .build();
    List<Condition> result = new ArrayList<>();
    for (Condition c : existing) {
      if (!type.equals(c.getType())) {
        result.add(c);
      }
    }
    result.add(condition);
    return result;
  }
}
