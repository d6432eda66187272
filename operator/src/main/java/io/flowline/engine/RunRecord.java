package io.flowline.engine;

import io.flowline.api.RunPhase;

/**
 * A run of a pipeline as the Pipeline's status reads it. The times are the run's status text, kept as written so
 * {@code status.lastRun} shows them unchanged.
 *
 * @param phase null while the run reconciler has not looked at the run yet
 * @param nodeStarted whether the run has a node table: a Running run without one is still Starting
 * @param creationTimestamp {@code metadata.creationTimestamp}
 */
public record RunRecord(String name, RunPhase phase, boolean nodeStarted, String creationTimestamp,
    String startTime, String completionTime) {

  public boolean isFinished() {
    return phase != null && phase.isFinished();
  }

  HistoryPruner.FinishedRun asFinishedRun() {
    return new HistoryPruner.FinishedRun(name, phase, Timestamps.parse(completionTime),
        Timestamps.parse(creationTimestamp));
  }
}
