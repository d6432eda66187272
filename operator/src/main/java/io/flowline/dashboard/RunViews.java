package io.flowline.dashboard;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.util.Set;

/** What the pages read of a run, with a run that has no status yet shown as Pending. */
final class RunViews {
  static final Set<RunPhase> FINISHED = Set.of(RunPhase.Succeeded, RunPhase.Failed, RunPhase.Cancelled);

  private RunViews() {
  }

  /** The Pipeline the run names; "" for an inline pipelineSpec. */
  static String pipelineOf(PipelineRun run) {
    return run.getSpec() == null || run.getSpec().getPipelineRef() == null
        || run.getSpec().getPipelineRef().getName() == null ? "" : run.getSpec().getPipelineRef().getName();
  }

  static String phaseOf(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getPhase() == null ? RunPhase.Pending.name()
        : run.getStatus().getPhase().name();
  }

  static boolean finished(PipelineRun run) {
    return run.getStatus() != null && FINISHED.contains(run.getStatus().getPhase());
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
