package io.flowline.cli.render;

import io.flowline.api.PipelineRun;
import java.time.Instant;
import java.util.List;

/** The runs of {@code list}: NAME PIPELINE PHASE PROGRESS STARTED DURATION CORRELATION-ID. */
public final class RunTable {
  private RunTable() {
  }

  public static String render(List<PipelineRun> runs, Instant now) {
    Table table = new Table("NAME", "PIPELINE", "PHASE", "PROGRESS", "STARTED", "DURATION", "CORRELATION-ID");
    for (PipelineRun run : runs) {
      var spec = run.getSpec();
      var status = run.getStatus();
      String started = status == null ? "" : TimeText.age(status.getStartTime(), now);
      table.row(run.getMetadata().getName(),
          pipelineOf(run),
          phaseOf(run),
          status == null ? "" : status.getProgress(),
          started.isEmpty() ? "" : started + " ago",
          status == null ? "" : TimeText.between(status.getStartTime(), status.getCompletionTime(), now),
          spec == null ? "" : spec.getCorrelationId());
    }
    return table.render();
  }

  /** The Pipeline a run names, or (inline) for a run with its own pipelineSpec. */
  public static String pipelineOf(PipelineRun run) {
    if (run.getSpec() == null) {
      return "";
    }
    if (run.getSpec().getPipelineRef() != null) {
      return run.getSpec().getPipelineRef().getName();
    }
    return run.getSpec().getPipelineSpec() != null ? "(inline)" : "";
  }

  /** status.phase, Pending before the operator has written one. */
  public static String phaseOf(PipelineRun run) {
    return run.getStatus() == null || run.getStatus().getPhase() == null ? "Pending"
        : run.getStatus().getPhase().name();
  }
}
