package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The grid of a Pipeline's recent runs × its nodes, each cell the node's phase in that run: a node that keeps
 * failing or slowing down shows as a column of one colour. A node a run has no entry for had not started
 * (Pending); forEach children are left out, their node stands for them.
 *
 * @param nodes the column names, the pipeline's nodes in declaration order
 * @param rows newest run first
 */
public record RunGrid(List<String> nodes, List<Row> rows) {
  public static final int RUNS = 25;

  /** @param cells one per column: the node's entry in this run, or null when it has none */
  public record Row(String run, String phase, List<NodeStatus> cells) {
    public String phaseAt(int column) {
      NodeStatus cell = cells.get(column);
      return cell == null || cell.getPhase() == null ? NodePhase.Pending.name() : cell.getPhase().name();
    }
  }

  /**
   * @param runs newest first; only the first {@value #RUNS} are read
   * @param table a run's node table
   */
  public static RunGrid of(List<String> nodes, List<PipelineRun> runs,
      Function<PipelineRun, List<NodeStatus>> table) {
    List<Row> rows = new ArrayList<>();
    for (PipelineRun run : runs.subList(0, Math.min(RUNS, runs.size()))) {
      Map<String, NodeStatus> byName = new HashMap<>();
      for (NodeStatus entry : table.apply(run)) {
        if (entry.getParent() == null) {
          byName.put(entry.getName(), entry);
        }
      }
      List<NodeStatus> cells = new ArrayList<>(nodes.size());
      nodes.forEach(node -> cells.add(byName.get(node)));
      rows.add(new Row(run.getMetadata().getName(), RunViews.phaseOf(run), cells));
    }
    return new RunGrid(List.copyOf(nodes), List.copyOf(rows));
  }
}
