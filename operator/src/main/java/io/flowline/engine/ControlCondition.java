package io.flowline.engine;

import io.flowline.api.PipelineRunStatus;
import io.fabric8.kubernetes.api.model.Condition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code ControlAccepted} condition: whether the run's control fields (spec.retry, spec.skipNodes) were
 * honoured, and if not, why. Present only once such a request was made. A refused skip stays False for as long as
 * the node is listed (level-triggered); an ignored retry stays until the next control decision replaces it.
 */
public final class ControlCondition {
  public static final String TYPE = "ControlAccepted";
  static final String SKIP_REFUSED = "SkipRefused";
  static final String RETRY_IGNORED = "RetryIgnored";

  private ControlCondition() {
  }

  /**
   * Records this step's skip refusals; returns a Warning to emit when what the condition says changed (so each
   * refusal is announced once, not at every step).
   */
  public static Optional<PlannedEvent> skipVerdict(PipelineRunStatus status, List<String> refusals, Instant now) {
    Optional<Condition> current = current(status);
    if (refusals.isEmpty()) {
      if (current.isPresent() && SKIP_REFUSED.equals(current.get().getReason())) {
        set(status, "True", "Accepted", "spec.skipNodes applied", now);
      }
      return Optional.empty();
    }
    String message = String.join("; ", refusals);
    boolean changed = current.isEmpty() || !SKIP_REFUSED.equals(current.get().getReason())
        || !Objects.equals(message, current.get().getMessage());
    set(status, "False", SKIP_REFUSED, message, now);
    return changed ? Optional.of(PlannedEvent.warning(SKIP_REFUSED, message)) : Optional.empty();
  }

  /** Records a retry decision in status.retry and the condition; returns its Event. */
  public static PlannedEvent retryDecided(PipelineRunStatus status, RetryRequest.Verdict verdict, String detail,
      Instant now) {
    status.setRetry(verdict.retry());
    if (verdict.apply()) {
      String message = verdict.message() + ": " + detail;
      set(status, "True", "Retried", message, now);
      return PlannedEvent.normal("Retrying", message);
    }
    set(status, "False", RETRY_IGNORED, verdict.message(), now);
    return PlannedEvent.warning(RETRY_IGNORED, verdict.message());
  }

  private static Optional<Condition> current(PipelineRunStatus status) {
    return status.getConditions().stream().filter(condition -> TYPE.equals(condition.getType())).findFirst();
  }

  private static void set(PipelineRunStatus status, String value, String reason, String message, Instant now) {
    status.setConditions(Conditions.set(status.getConditions(), TYPE, value, reason, message, null, now));
  }
}
