package io.flowline.reconciler;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.Timestamps;
import io.flowline.metrics.FlowlineMetrics;
import io.flowline.metrics.RunPhaseTimes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Turns a run's status write into metrics. Called only after the write went through: the write replaced the
 * status the reconciler read under its resourceVersion, so this old-to-new change happened exactly once; a
 * reconciliation on a stale read fails with a conflict before it gets here, and one on a fresh read starts from
 * the new state and finds nothing left to count.
 */
final class RunMetricsRecorder {
  private final FlowlineMetrics metrics;

  RunMetricsRecorder(FlowlineMetrics metrics) {
    this.metrics = metrics;
  }

  void written(PipelineRun read, PipelineRunStatus written, List<NodeStatus> nodesEnded) {
    String namespace = read.getMetadata().getNamespace();
    String pipeline = pipelineTag(read);
    metrics.runWritten(namespace, pipeline, phaseTimes(read.getStatus()), phaseTimes(written));
    for (NodeStatus node : nodesEnded) {
      Instant start = Timestamps.parse(node.getStartTime());
      Instant end = Timestamps.parse(node.getCompletionTime());
      // A node skipped or cancelled before it ever ran has no duration to tell.
      if (start != null && end != null) {
        metrics.nodeEnded(namespace, pipeline, node.getPhase(), Duration.between(start, end));
      }
    }
  }

  static String pipelineTag(PipelineRun run) {
    return PipelineRefs.nameOf(run).orElse(FlowlineMetrics.INLINE_PIPELINE);
  }

  private static RunPhaseTimes phaseTimes(PipelineRunStatus status) {
    return status == null ? RunPhaseTimes.NONE : new RunPhaseTimes(status.getPhase(),
        Timestamps.parse(status.getStartTime()), Timestamps.parse(status.getCompletionTime()));
  }
}
