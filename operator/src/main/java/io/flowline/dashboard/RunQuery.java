package io.flowline.dashboard;

import io.flowline.api.PipelineRun;
import java.util.Comparator;
import java.util.List;

/**
 * The runs list's filters, each empty for "any": the Pipeline a run names, its phase (a run without one counts as
 * Pending), and its correlationId. Results are newest first.
 */
public record RunQuery(String pipeline, String phase, String correlationId) {
  /** Newest first: creation time, then name, both descending, so equal times still give a stable order. */
  static final Comparator<PipelineRun> NEWEST_FIRST = Comparator
      .comparing((PipelineRun run) -> nullToEmpty(run.getMetadata().getCreationTimestamp()))
      .thenComparing(run -> run.getMetadata().getName()).reversed();

  public RunQuery {
    pipeline = nullToEmpty(pipeline).trim();
    phase = nullToEmpty(phase).trim();
    correlationId = nullToEmpty(correlationId).trim();
  }

  public static RunQuery any() {
    return new RunQuery("", "", "");
  }

  public static RunQuery ofPipeline(String pipeline) {
    return new RunQuery(pipeline, "", "");
  }

  public boolean matches(PipelineRun run) {
    return (pipeline.isEmpty() || pipeline.equals(RunViews.pipelineOf(run)))
        && (phase.isEmpty() || phase.equals(RunViews.phaseOf(run)))
        && (correlationId.isEmpty() || run.getSpec() != null && correlationId.equals(run.getSpec().getCorrelationId()));
  }

  /** The matching runs, newest first. */
  public List<PipelineRun> select(List<PipelineRun> runs) {
    return runs.stream().filter(this::matches).sorted(NEWEST_FIRST).toList();
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
