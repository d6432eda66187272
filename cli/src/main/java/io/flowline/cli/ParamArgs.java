package io.flowline.cli;

import io.flowline.api.NodeParams;
import io.flowline.api.ParamValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code -p name=value} and {@code --node-param node.name=value} into the run's params. Only the first
 * {@code =} separates: {@code -p query=a=b} gives query the value {@code a=b}. Repeats are kept, in order, so the
 * operator's own check reports them ("given more than once").
 */
public final class ParamArgs {
  private ParamArgs() {
  }

  public static List<ParamValue> params(List<String> args) {
    List<ParamValue> values = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq <= 0) {
        throw CliException.usage("-p " + arg + ": expected NAME=VALUE");
      }
      values.add(new ParamValue(arg.substring(0, eq), arg.substring(eq + 1)));
    }
    return values;
  }

  /** Grouped by node in the order nodes first appear; a node name never contains a dot, so the first one splits. */
  public static List<NodeParams> nodeParams(List<String> args) {
    Map<String, List<ParamValue>> byNode = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      int dot = arg.indexOf('.');
      if (eq <= 0 || dot <= 0 || dot > eq - 2) {
        throw CliException.usage("--node-param " + arg + ": expected NODE.NAME=VALUE");
      }
      byNode.computeIfAbsent(arg.substring(0, dot), n -> new ArrayList<>())
          .add(new ParamValue(arg.substring(dot + 1, eq), arg.substring(eq + 1)));
    }
    List<NodeParams> nodeParams = new ArrayList<>();
    byNode.forEach((node, values) -> nodeParams.add(new NodeParams(node, values)));
    return nodeParams;
  }

  /** {@code base} with the entries of {@code overrides} replacing those of the same name, new ones appended. */
  public static List<ParamValue> merged(List<ParamValue> base, List<ParamValue> overrides) {
    Map<String, ParamValue> byName = new LinkedHashMap<>();
    base.forEach(p -> byName.put(p.getName(), new ParamValue(p.getName(), p.getValue())));
    List<ParamValue> result = new ArrayList<>(byName.values());
    for (ParamValue override : overrides) {
      ParamValue existing = byName.get(override.getName());
      if (existing != null) {
        existing.setValue(override.getValue());
      } else {
        result.add(override);
      }
    }
    return result;
  }

  /** Node params of {@code base} with those of {@code overrides} merged in, node by node. */
  public static List<NodeParams> mergedNodes(List<NodeParams> base, List<NodeParams> overrides) {
    Map<String, NodeParams> byNode = new LinkedHashMap<>();
    base.forEach(n -> byNode.put(n.getNode(), new NodeParams(n.getNode(), merged(n.getParams(), List.of()))));
    for (NodeParams override : overrides) {
      NodeParams existing = byNode.get(override.getNode());
      if (existing == null) {
        byNode.put(override.getNode(), override);
      } else {
        existing.setParams(merged(existing.getParams(), override.getParams()));
      }
    }
    return new ArrayList<>(byNode.values());
  }
}
