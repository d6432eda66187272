package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a run started with {@code spec.rerunOf} takes over from its source run. The rerun set is everything
 * downstream of (and including) the fromNodes and every node that did not succeed in the source; the other nodes
 * that succeeded there are copied, outputs included, so their dependents start at once. Nodes are matched by name
 * against the new run's snapshot: the current pipeline decides what exists, the source only what is done.
 *
 * @param copied the node table the new run starts with, in the snapshot's declaration order
 * @param rerun the nodes that will run in the new run, in declaration order
 */
public record RerunSeed(List<NodeStatus> copied, List<String> rerun) {
  private static final int EVENT_MESSAGE_LIMIT = 1024;

  public static RerunSeed of(PipelineSpec snapshot, String sourceRun, List<NodeStatus> sourceNodes,
      List<String> fromNodes) {
    Map<String, NodeStatus> source = new HashMap<>();
    for (NodeStatus node : sourceNodes) {
      source.putIfAbsent(node.getName(), node);
    }
    Dag dag = Dag.of(snapshot.getNodes());
    Set<String> rerunSet = new LinkedHashSet<>();
    for (NodeSpec node : snapshot.getNodes()) {
      String name = node.getName();
      NodeStatus before = source.get(name);
      if (rerunSet.contains(name)) {
        continue; // a descendant of a node already in the set: so are all of its own descendants
      }
      if (fromNodes.contains(name) || before == null || before.getPhase() != NodePhase.Succeeded) {
        rerunSet.add(name);
        rerunSet.addAll(dag.descendants(name));
      }
    }
    List<NodeStatus> copied = new ArrayList<>();
    List<String> rerun = new ArrayList<>();
    for (NodeSpec node : snapshot.getNodes()) {
      if (rerunSet.contains(node.getName())) {
        rerun.add(node.getName());
      } else {
        copied.add(copy(sourceRun, source.get(node.getName())));
      }
    }
    return new RerunSeed(List.copyOf(copied), List.copyOf(rerun));
  }

  /** The fromNodes entries that name no node of the snapshot, in the order given. */
  public static List<String> unknownNodes(PipelineSpec snapshot, List<String> fromNodes) {
    Set<String> names = new LinkedHashSet<>();
    snapshot.getNodes().forEach(node -> names.add(node.getName()));
    return fromNodes.stream().filter(name -> !names.contains(name)).distinct().toList();
  }

  /** The text of the Rerun Event, bounded: a huge pipeline could otherwise list thousands of names. */
  public String describe(String sourceRun) {
    String again = rerun.isEmpty() ? "none" : String.join(", ", rerun);
    return Messages.abbreviate("rerun of " + sourceRun + ": copied " + copied.size() + " succeeded node(s), "
        + "running again: " + again, EVENT_MESSAGE_LIMIT);
  }

  private static NodeStatus copy(String sourceRun, NodeStatus source) {
    NodeStatus copy = new NodeStatus(source.getName());
    copy.setPhase(NodePhase.Succeeded);
    copy.setAttempt(source.getAttempt());
    // The source run's Job, never derivable from this run's name, so it is always written out.
    copy.setJob(source.isFanOut() ? null : JobNames.jobOf(sourceRun, source));
    copy.setItems(source.getItems());
    copy.setStartTime(source.getStartTime());
    copy.setCompletionTime(source.getCompletionTime());
    copy.setOutputs(new LinkedHashMap<>(source.getOutputs()));
    copy.setMessage("copied from run " + sourceRun);
    return copy;
  }
}
