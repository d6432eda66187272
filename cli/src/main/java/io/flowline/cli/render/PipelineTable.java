package io.flowline.cli.render;

import io.flowline.api.Pipeline;
import java.time.Instant;
import java.util.List;

/** The pipelines of {@code pipelines}: their state and what they last ran. */
public final class PipelineTable {
  private PipelineTable() {
  }

  public static String render(List<Pipeline> pipelines, Instant now) {
    Table table = new Table("NAME", "STATE", "ACTIVATION", "SCHEDULE", "SUSPENDED", "ACTIVE", "QUEUED", "LAST RUN",
        "LAST PHASE", "NEXT");
    for (Pipeline pipeline : pipelines) {
      var spec = pipeline.getSpec();
      var status = pipeline.getStatus();
      var lastRun = status == null ? null : status.getLastRun();
      String next = status == null ? null : status.getNextScheduleTime();
      Instant nextAt = TimeText.parse(next);
      table.row(pipeline.getMetadata().getName(),
          status == null || status.getState() == null ? "" : status.getState().name(),
          spec == null || spec.getActivation() == null ? "Manual" : spec.getActivation().name(),
          spec == null || spec.getSchedule() == null ? "" : spec.getSchedule().getCron(),
          Boolean.toString(spec != null && Boolean.TRUE.equals(spec.getSuspend())),
          status == null || status.getActiveRuns() == null ? "0" : status.getActiveRuns().toString(),
          status == null || status.getQueuedRuns() == null ? "0" : status.getQueuedRuns().toString(),
          lastRun == null ? "" : lastRun.getName(),
          lastRun == null || lastRun.getPhase() == null ? "" : lastRun.getPhase().name(),
          nextAt == null ? "" : nextAt.isAfter(now) ? "in " + TimeText.duration(java.time.Duration.between(now, nextAt))
              : next);
    }
    return table.render();
  }
}
