package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.RunPhase;
import java.util.Optional;

/**
 * What to do with {@code spec.retry} once it is above {@code status.retry}: each increment asks to retry a Failed
 * or Cancelled run in place. Anything else has nothing to retry, and the request is recorded as handled and
 * ignored, with why, rather than kept for later: a retry that fired hours after it was asked, when the run
 * happened to fail again, would surprise more than one that must be asked again.
 */
public final class RetryRequest {
  /** @param apply true: reset and continue the run; false: record the request with {@code message} as ignored */
  public record Verdict(int retry, boolean apply, String message) {
  }

  private RetryRequest() {
  }

  /**
   * @param requested spec.retry (null = 0)
   * @param handled status.retry (null = 0)
   * @param started whether the run has its snapshot: a run that ended before it started has nothing to continue
   * @param desired spec.state (null = Running)
   * @return empty when there is no new request
   */
  public static Optional<Verdict> decide(Integer requested, Integer handled, RunPhase phase, String reason,
      boolean started, DesiredRunState desired) {
    int retry = requested == null ? 0 : requested;
    if (retry <= (handled == null ? 0 : handled)) {
      return Optional.empty();
    }
    String ignored = "spec.retry " + retry + " ignored: ";
    if (phase == null || !phase.isFinished()) {
      return Optional.of(new Verdict(retry, false, ignored + "the run is " + (phase == null ? "Pending" : phase)
          + "; retry applies to a Failed or Cancelled run, so raise spec.retry again once it has ended"));
    }
    if (phase == RunPhase.Succeeded) {
      return Optional.of(new Verdict(retry, false, ignored + "the run succeeded, nothing to retry"));
    }
    if ("StatusTooLarge".equals(reason)) {
      return Optional.of(new Verdict(retry, false, ignored + "the run's status is at its size limit; "
          + "create a new run with spec.rerunOf instead"));
    }
    if (!started) {
      return Optional.of(new Verdict(retry, false, ignored + "the run never started (reason " + reason
          + "); fix the cause and create a new run"));
    }
    if (desired == DesiredRunState.Stopped || desired == DesiredRunState.Cancelled) {
      // Applied, the run would stop again at once: the two requests contradict each other.
      return Optional.of(new Verdict(retry, false, ignored + "spec.state is " + desired
          + "; set it to Running (or Paused) together with spec.retry"));
    }
    return Optional.of(new Verdict(retry, true, "retry " + retry));
  }
}
