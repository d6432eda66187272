package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The node side of an applied {@code spec.retry}: Failed and Cancelled nodes go back to Pending and the run goes
 * on. Each keeps its attempt count, so its next Job is a new attempt ({@code <run>-<node>-<attempt+1>}) next to
 * the old ones, which stay visible. Succeeded and Skipped nodes keep their results; nodes that never ran (not
 * listed) start when their dependencies allow, as in any run.
 *
 * <p>A reset node gets one new attempt: its own retry policy was spent on the attempts before, so a failure of
 * the new attempt fails the run again (and another increment of spec.retry tries once more).
 */
public final class RetryReset {
  private RetryReset() {
  }

  /** Resets {@code table} in place; returns the names of the nodes reset, in table order. */
  public static List<String> reset(List<NodeStatus> table, int retry) {
    return reset(table, retry, Set.of());
  }

  /**
   * Also every finally node, whatever its phase: the finally part runs again after the main part. One that never
   * had a Job (skipped) leaves the table, as if it had never left Pending.
   */
  public static List<String> reset(List<NodeStatus> table, int retry, Set<String> finallyNodes) {
    List<String> reset = new ArrayList<>();
    table.removeIf(node -> finallyNodes.contains(node.getName()) && node.getAttempt() == 0);
    for (NodeStatus node : table) {
      if (node.getPhase() == NodePhase.Failed || node.getPhase() == NodePhase.Cancelled
          || finallyNodes.contains(node.getName()) && node.getPhase() != NodePhase.Pending) {
        node.setPhase(NodePhase.Pending);
        node.setCompletionTime(null);
        node.setExitCode(null);
        node.setReason(null);
        node.setMessage("reset by retry " + retry + " after attempt " + node.getAttempt());
        node.getOutputs().clear();
        reset.add(node.getName());
      }
    }
    return reset;
  }
}
