package io.flowline.engine;

import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a run's finally part begins, how long it may take, and how its result combines with the main part's. */
public final class FinallyRules {
  /** The reason of a finally node whose Job was deleted at spec.finallyTimeout. */
  public static final String TIMEOUT_REASON = "FinallyTimeout";

  private FinallyRules() {
  }

  /**
   * Whether the finally part runs after the main part ended with {@code mainOutcome}: after success, failure, the
   * run timeout and spec.state Stopped, never after a cancellation (spec.state Cancelled, or a run replaced under
   * its pipeline's concurrency limit).
   */
  public static boolean runsAfter(RunOutcome mainOutcome, boolean hasFinally) {
    return hasFinally && mainOutcome.finished()
        && (mainOutcome.phase() != RunPhase.Cancelled || "Stopped".equals(mainOutcome.reason()));
  }

  /** When the finally part must be over; empty without a bound (0). */
  public static Optional<Instant> deadline(FinallyState state, Duration finallyTimeout) {
    if (state == null || state.startTime() == null || finallyTimeout.compareTo(Duration.ZERO) <= 0) {
      return Optional.empty();
    }
    return Optional.of(state.startTime().plus(finallyTimeout));
  }

  /**
   * The run's end once the finally part is done.
   *
   * @param finallyFailure what failed in the finally part, or null when it succeeded
   */
  public static RunOutcome end(RunOutcome mainOutcome, String finallyFailure, int messageLimit) {
    if (finallyFailure == null) {
      return mainOutcome;
    }
    if (mainOutcome.phase() == RunPhase.Succeeded) {
      return new RunOutcome(RunPhase.Failed, "Failed", Messages.abbreviate(finallyFailure, messageLimit));
    }
    return new RunOutcome(mainOutcome.phase(), mainOutcome.reason(),
        Messages.abbreviate(mainOutcome.message() + "; " + finallyFailure, messageLimit));
  }
}
