package io.flowline.engine;

import io.flowline.api.RunPhase;
import java.util.List;

/**
 * The Events a run's spec.state produces when it takes effect: the phase it leads to tells, so a reconcile that
 * finds the phase already there (the same state set twice, a restarted operator) announces nothing again. Ends are
 * announced by the planner with the run's outcome.
 */
public final class ControlEvents {
  private ControlEvents() {
  }

  public static List<PlannedEvent> between(RunPhase before, RunPhase after) {
    if (after == before || after == null) {
      return List.of();
    }
    return switch (after) {
      case Paused -> List.of(PlannedEvent.normal("Paused",
          "run paused (spec.state: Paused): running nodes go on, no new node starts"));
      case Stopping -> List.of(PlannedEvent.normal("Stopping",
          "run stopping (spec.state: Stopped): running nodes finish, then the run ends Cancelled"));
      case Running -> before == RunPhase.Paused
          ? List.of(PlannedEvent.normal("Resumed", "run resumed (spec.state: Running)")) : List.of();
      default -> List.of();
    };
  }
}
