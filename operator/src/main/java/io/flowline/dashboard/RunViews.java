package io.flowline.dashboard;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.reconciler.PipelineRefs;

/** What the pages read of a run, with a run that has no status yet shown as Pending. */
final class RunViews {
  private RunViews() {
  }

  /** The Pipeline the run names; "" for an inline pipelineSpec. */
  static String pipelineOf(PipelineRun run) {
    return PipelineRefs.nameOf(run).orElse("");
  }

  static String phaseOf(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getPhase() == null ? RunPhase.Pending.name()
        : run.getStatus().getPhase().name();
  }

  static boolean finished(PipelineRun run) {
    return run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinished();
  }

  static String progressOf(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getProgress() == null ? "" : run.getStatus().getProgress();
  }

  static String startOf(PipelineRun run) {
    return run.getStatus() == null ? null : run.getStatus().getStartTime();
  }

  static String endOf(PipelineRun run) {
    return run.getStatus() == null ? null : run.getStatus().getCompletionTime();
  }
}
