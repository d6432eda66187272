package io.flowline.engine;

import io.flowline.api.RunPhase;

/** The run-level result of one planning step: still running, or ended with a Succeeded-condition reason. */
public record RunOutcome(RunPhase phase, String reason, String message) {
  public static RunOutcome running(String message) {
    return new RunOutcome(RunPhase.Running, "Running", message);
  }

  public boolean finished() {
    return phase.isFinished();
  }
}
