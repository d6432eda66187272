package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.List;

/** Run status transitions shared by starting and stepping: phase, Succeeded condition and times move together. */
public final class RunStatuses {
  /** A status message or condition message is cut (in the middle) past this, so no problem list can bloat status. */
  public static final int MESSAGE_LIMIT = 8 * 1024;
  public static final String SUCCEEDED = "Succeeded";

  private RunStatuses() {
  }

  public static void pending(PipelineRunStatus status, String message, Instant now) {
    status.setPhase(RunPhase.Pending);
    status.setMessage(bounded(message));
    status.setConditions(Conditions.set(status.getConditions(), SUCCEEDED, "Unknown", "Pending", message, null, now));
  }

  /** Waiting for a slot under its pipeline's concurrency limit; {@code position} 1 starts next. */
  public static void queued(PipelineRunStatus status, int position, String message, Instant now) {
    status.setPhase(RunPhase.Queued);
    status.setQueuePosition(position);
    status.setMessage(bounded(message));
    status.setConditions(Conditions.set(status.getConditions(), SUCCEEDED, "Unknown", "Pending", message, null, now));
  }

  /** A started run that has not ended: Running, Paused or Stopping, with the Succeeded condition Unknown. */
  public static void active(PipelineRunStatus status, RunPhase phase, String reason, String message, Instant now) {
    status.setQueuePosition(null);
    status.setPhase(phase);
    status.setMessage(bounded(message));
    status.setConditions(Conditions.set(status.getConditions(), SUCCEEDED, "Unknown", reason, message, null, now));
  }

  public static void running(PipelineRunStatus status, String message, Instant now) {
    status.setQueuePosition(null);
    status.setPhase(RunPhase.Running);
    status.setMessage(bounded(message));
    status.setConditions(Conditions.set(status.getConditions(), SUCCEEDED, "Unknown", "Running",
        message, null, now));
  }

  /** A finished run that spec.retry continues: active again, with no end yet. */
  public static void reopen(PipelineRunStatus status, String message, Instant now) {
    status.setCompletionTime(null);
    status.setLastRetryTime(Timestamps.format(now));
    running(status, message, now);
  }

  /**
   * Ends the run: Succeeded sets the condition True, every other end False. A run that ends before it started
   * (PipelineInvalid, InvalidParams, PipelineNotFound) keeps no startTime: it never started.
   */
  public static void finish(PipelineRunStatus status, RunPhase phase, String reason, String message, Instant now) {
    status.setQueuePosition(null);
    status.setPhase(phase);
    status.setMessage(bounded(message));
    status.setCompletionTime(Timestamps.format(now));
    status.setConditions(Conditions.set(status.getConditions(), SUCCEEDED,
        phase == RunPhase.Succeeded ? "True" : "False", reason, message, null, now));
  }

  /**
   * A failed end that surely fits: the node table (already bounded) and its references stay, what can be large
   * and is not a result goes (the snapshot, resolved params, the message's middle).
   */
  public static PipelineRunStatus tooLarge(PipelineRunStatus status, String why, Instant now) {
    PipelineRunStatus minimal = new PipelineRunStatus();
    minimal.setStartTime(status.getStartTime());
    minimal.setProgress(status.getProgress());
    minimal.setObservedGeneration(status.getObservedGeneration());
    minimal.setPipelineGeneration(status.getPipelineGeneration());
    minimal.setPipelineSpecRef(status.getPipelineSpecRef());
    minimal.setNodes(status.getNodes());
    minimal.setNodesRef(status.getNodesRef());
    minimal.setNodeCounts(status.getNodeCounts());
    minimal.setConditions(status.getConditions());
    finish(minimal, RunPhase.Failed, "StatusTooLarge", why, now);
    return minimal;
  }

  /** Marks every node that has not finished Cancelled: for a run that cannot go on. */
  public static void cancelUnfinished(List<NodeStatus> nodes, String message, Instant now) {
    for (NodeStatus node : nodes) {
      if (!node.getPhase().isFinished()) {
        cancel(node, message, now);
      }
    }
  }

  public static void cancel(NodeStatus node, String message, Instant now) {
    node.setPhase(NodePhase.Cancelled);
    node.setMessage(message);
    node.setCompletionTime(Timestamps.format(now));
  }

  private static String bounded(String message) {
    return Messages.abbreviate(message, MESSAGE_LIMIT);
  }

  public static boolean started(PipelineRunStatus status) {
    return status != null && (status.getPipelineSpec() != null || status.getPipelineSpecRef() != null);
  }

  public static boolean finished(PipelineRunStatus status) {
    return status != null && status.getPhase() != null && status.getPhase().isFinished();
  }
}
