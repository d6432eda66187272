package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The substitution values of one node attempt, from the run's values and the node table: what the node's
 * command, args, env, workingDir and {@code when} see. The launch and the {@code when} decision use this one
 * function, so a condition reads exactly what the container would.
 */
public final class NodeInputs {
  private NodeInputs() {
  }

  /**
   * @param table the run's node entries by name as decided so far
   */
  public static Map<String, String> of(RunSnapshot run, Map<String, NodeStatus> table, NodeSpec node, int attempt) {
    RunValues values = run.values();
    boolean finallyNode = run.isFinally(node.getName());
    Map<String, String> result = new LinkedHashMap<>(SubstitutionValues.of(NodeParamValues.of(run.params(), node),
        upstreamOutputs(run, table, node.getName(), finallyNode), values.runName(), values.namespace(),
        values.uid(), values.correlationId(), values.pipelineName(), node.getName(), attempt));
    FinallyState finallyState = run.finallyState();
    if (finallyNode && finallyState != null) {
      result.put("run.status", finallyState.runStatus());
      for (NodeSpec main : run.spec().getNodes()) {
        NodeStatus status = table.get(main.getName());
        result.put("nodes." + main.getName() + ".phase",
            status == null || status.getPhase() == null ? NodePhase.Pending.name() : status.getPhase().name());
      }
    }
    return result;
  }

  /**
   * Outputs the node may read (the validator allows nothing else), so this stays cheap per node in huge runs:
   * its ancestors' (a forEach child reads what its node does), and for a finally node every main node's, a main
   * node that did not succeed giving "" for each declared output.
   */
  private static Map<String, Map<String, String>> upstreamOutputs(RunSnapshot run, Map<String, NodeStatus> table,
      String node, boolean finallyNode) {
    String inGraph = run.dag().contains(node) ? node
        : ForEachChildren.parse(node).map(ForEachChildren.Child::parent).orElse(node);
    Set<String> readable = new LinkedHashSet<>(run.dag().ancestors(inGraph));
    if (finallyNode) {
      run.spec().getNodes().forEach(main -> readable.add(main.getName()));
    }
    List<NodeStatus> statuses = new ArrayList<>(readable.size());
    for (String name : readable) {
      NodeStatus status = table.get(name);
      if (status != null) {
        statuses.add(status);
      }
    }
    Map<String, Map<String, String>> outputs = UpstreamOutputs.of(run, statuses);
    if (finallyNode) {
      for (NodeSpec main : run.spec().getNodes()) {
        outputs.computeIfAbsent(main.getName(), name -> {
          Map<String, String> empty = new LinkedHashMap<>();
          main.getOutputs().forEach(output -> empty.put(output, ""));
          return empty;
        });
      }
    }
    return outputs;
  }
}
