package io.flowline.engine;

import io.flowline.api.FinallyStatus;
import io.flowline.api.RunPhase;
import java.time.Instant;

/**
 * A run whose main part has ended and whose finally nodes now run: how the main part ended and since when the
 * finally part runs. Kept in status, so the outcome survives operator restarts and later clock readings (the run
 * timeout passing during the finally part does not turn a Succeeded main part into a Timeout).
 */
public record FinallyState(Instant startTime, RunOutcome mainOutcome) {
  /** The value of {@code $(run.status)}: Succeeded, Failed, Stopped or Timeout. */
  public String runStatus() {
    return runStatusOf(mainOutcome);
  }

  static String runStatusOf(RunOutcome outcome) {
    if (outcome.phase() == RunPhase.Succeeded) {
      return "Succeeded";
    }
    if ("Stopped".equals(outcome.reason()) || "Timeout".equals(outcome.reason())) {
      return outcome.reason();
    }
    return "Failed";
  }

  public static FinallyState from(FinallyStatus status) {
    if (status == null || status.getMainPhase() == null) {
      return null;
    }
    Instant start = Timestamps.parse(status.getStartTime());
    return new FinallyState(start, new RunOutcome(status.getMainPhase(), status.getMainReason(),
        status.getMainMessage()));
  }

  public FinallyStatus toStatus() {
    FinallyStatus status = new FinallyStatus();
    status.setStartTime(Timestamps.format(startTime));
    status.setRunStatus(runStatus());
    status.setMainPhase(mainOutcome.phase());
    status.setMainReason(mainOutcome.reason());
    status.setMainMessage(mainOutcome.message());
    return status;
  }
}
