package io.flowline.engine;

import io.flowline.api.NodeParams;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves the param values of a run: the run's value, else the declared default, else "" for a param that
 * is not required. Run {@code params} match pipeline params only and {@code nodeParams} match that node's
 * params only, so a name can never silently land somewhere the user did not mean.
 *
 * <p>Problem paths are relative to the run ({@code spec.params[0].value}, {@code spec.nodeParams[1].node}).
 * The declarations themselves are the validator's business; for duplicated declarations or nodes the first
 * one wins, as everywhere else.
 */
public final class ParamResolver {

  public ResolvedParams resolve(PipelineSpec spec, List<ParamValue> runParams, List<NodeParams> runNodeParams) {
    Problems problems = new Problems();
    List<ParamSpec> declared = spec == null ? List.of() : spec.getParams();
    List<NodeSpec> nodes = spec == null ? List.of() : spec.getNodes();

    Map<String, String> pipelineValues = resolveList(declared, runParams, "spec.params", null, problems);
    List<ParamValue> pipelineParams = new ArrayList<>();
    pipelineValues.forEach((name, value) -> pipelineParams.add(new ParamValue(name, value)));

    Map<String, NodeSpec> nodesByName = firstNodeByName(nodes);
    Map<String, GivenForNode> givenByNode = groupNodeParams(runNodeParams, nodesByName, problems);
    Map<String, Map<String, String>> nodeParams = new LinkedHashMap<>();
    nodesByName.forEach((name, node) -> {
      if (hasParams(node)) {
        GivenForNode given = givenByNode.getOrDefault(name, GivenForNode.NONE);
        String at = "spec.nodeParams[" + given.index() + "].params";
        nodeParams.put(name, resolveList(node.getParams(), given.params(), at, name, problems));
      }
    });
    return new ResolvedParams(pipelineParams, nodeParams, problems.list());
  }

  /**
   * Resolves one list of declarations against the values given for it.
   *
   * @param node null for pipeline params; otherwise the node, named in messages
   */
  private static Map<String, String> resolveList(List<ParamSpec> declared, List<ParamValue> given, String givenPath,
      String node, Problems problems) {
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    if (declared != null) {
      for (ParamSpec param : declared) {
        if (param != null && param.getName() != null) {
          byName.putIfAbsent(param.getName(), param);
        }
      }
    }
    Map<String, String> givenValues = new HashMap<>();
    if (given != null) {
      for (int i = 0; i < given.size(); i++) {
        ParamValue value = given.get(i);
        String path = givenPath + "[" + i + "]";
        if (value == null) {
          problems.add(path, "is empty");
        } else if (value.getName() == null || value.getName().isEmpty()) {
          problems.add(path + ".name", "is required");
        } else if (!byName.containsKey(value.getName())) {
          problems.add(path + ".name", node == null
              ? "unknown param " + Quote.of(value.getName())
              : "node " + Quote.of(node) + " has no param " + Quote.of(value.getName()));
        } else if (givenValues.containsKey(value.getName())) {
          problems.add(path + ".name", "duplicate param " + Quote.of(value.getName()));
        } else {
          String text = value.getValue() == null ? "" : value.getValue();
          givenValues.put(value.getName(), text);
          ParamValueCheck.problem(byName.get(value.getName()), text)
              .ifPresent(problem -> problems.add(path + ".value", problem));
        }
      }
    }
    Map<String, String> resolved = new LinkedHashMap<>();
    byName.forEach((name, param) -> {
      String value = givenValues.get(name);
      if (value == null && param.isRequired()) {
        problems.add(node == null ? "spec.params" : "spec.nodeParams",
            node == null
                ? "required param " + Quote.of(name) + " is missing"
                : "required param " + Quote.of(name) + " of node " + Quote.of(node) + " is missing");
      }
      if (value == null) {
        value = param.getDefaultValue() == null ? "" : param.getDefaultValue();
      }
      resolved.put(name, value);
    });
    return resolved;
  }

  /** The run's nodeParams entry for one node, and its index for problem paths. */
  private record GivenForNode(int index, List<ParamValue> params) {
    static final GivenForNode NONE = new GivenForNode(-1, List.of());
  }

  /** The values given per node; entries naming no node, or a node already given, are reported. */
  private static Map<String, GivenForNode> groupNodeParams(List<NodeParams> runNodeParams,
      Map<String, NodeSpec> nodesByName, Problems problems) {
    Map<String, GivenForNode> byNode = new HashMap<>();
    if (runNodeParams == null) {
      return byNode;
    }
    for (int i = 0; i < runNodeParams.size(); i++) {
      NodeParams entry = runNodeParams.get(i);
      String path = "spec.nodeParams[" + i + "]";
      if (entry == null) {
        problems.add(path, "is empty");
        continue;
      }
      String node = entry.getNode();
      if (node == null || node.isEmpty()) {
        problems.add(path + ".node", "is required");
      } else if (!nodesByName.containsKey(node)) {
        problems.add(path + ".node", "unknown node " + Quote.of(node));
      } else if (byNode.containsKey(node)) {
        problems.add(path + ".node", "duplicate entry for node " + Quote.of(node));
      } else {
        byNode.put(node, new GivenForNode(i, entry.getParams() == null ? List.of() : entry.getParams()));
        if (!hasParams(nodesByName.get(node))) {
          reportUndeclared(entry.getParams(), path + ".params", node, problems);
        }
      }
    }
    return byNode;
  }

  /** Nodes without params are not resolved at all, so their given values are reported here. */
  private static void reportUndeclared(List<ParamValue> given, String path, String node, Problems problems) {
    resolveList(List.of(), given, path, node, problems);
  }

  private static boolean hasParams(NodeSpec node) {
    return node.getParams() != null && !node.getParams().isEmpty();
  }

  private static Map<String, NodeSpec> firstNodeByName(List<NodeSpec> nodes) {
    Map<String, NodeSpec> byName = new LinkedHashMap<>();
    if (nodes != null) {
      for (NodeSpec node : nodes) {
        if (node != null && node.getName() != null) {
          byName.putIfAbsent(node.getName(), node);
        }
      }
    }
    return byName;
  }
}
