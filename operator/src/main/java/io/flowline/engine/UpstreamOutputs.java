package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** The outputs finished nodes give their dependents, node name to (output name to value). */
public final class UpstreamOutputs {
  private UpstreamOutputs() {
  }

  /** A node that failed with allowFailure or was skipped gives each declared output as "". */
  public static Map<String, Map<String, String>> of(RunSnapshot snapshot, Iterable<NodeStatus> nodes) {
    Map<String, Map<String, String>> outputs = new HashMap<>();
    for (NodeStatus node : nodes) {
      if (node.getPhase() == NodePhase.Succeeded) {
        outputs.put(node.getName(), node.getOutputs());
      } else if (node.getPhase() == NodePhase.Failed || node.getPhase() == NodePhase.Skipped) {
        NodeSpec spec = snapshot.node(node.getName());
        Map<String, String> empty = new LinkedHashMap<>();
        if (spec != null) {
          spec.getOutputs().forEach(name -> empty.put(name, ""));
        }
        outputs.put(node.getName(), empty);
      }
    }
    return outputs;
  }
}
