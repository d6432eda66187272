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
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Resolves the param values of a run: the run's value, else the declared default, else "" for a param that
 * is not required. Run {@code params} match pipeline params only and {@code nodeParams} match that node's
 * params only, so a value can never land somewhere the user did not mean.
 *
 * <p>Problem paths are relative to the run and name the param, as users think of it, not its list index:
 * {@code spec.params.rowCount}, {@code spec.nodeParams.extract.batchSize}. Only an entry that has no usable name
 * (none, one no param can have, or an unknown node) is named by its index ({@code spec.params[3].name},
 * {@code spec.nodeParams[1].node}). Problems come in the run spec's order, missing required params after the
 * values of their list. The declarations themselves are the validator's business; for duplicated declarations
 * or nodes the first one wins, as everywhere else.
 */
public final class ParamResolver {
  private static final Pattern PARAM_NAME = Pattern.compile(ParamSpec.NAME_PATTERN);

  public ResolvedParams resolve(PipelineSpec spec, List<ParamValue> runParams, List<NodeParams> runNodeParams) {
    Problems problems = new Problems();
    Map<String, ParamSpec> pipelineDeclared = firstByName(spec == null ? null : spec.getParams(), ParamSpec::getName);
    Map<String, String> pipelineGiven = readValues(pipelineDeclared, runParams, "spec.params", "spec.params", null,
        problems);
    List<ParamValue> pipelineParams = new ArrayList<>();
    applyDefaults(pipelineDeclared, pipelineGiven, null, problems)
        .forEach((name, value) -> pipelineParams.add(new ParamValue(name, value)));

    Map<String, NodeSpec> nodes = firstByName(spec == null ? null : PipelineNodes.all(spec), NodeSpec::getName);
    Map<String, Map<String, String>> nodeGiven = readNodeValues(nodes, runNodeParams, problems);
    Map<String, Map<String, String>> nodeParams = new LinkedHashMap<>();
    nodes.forEach((name, node) -> {
      Map<String, ParamSpec> declared = firstByName(node.getParams(), ParamSpec::getName);
      if (!declared.isEmpty()) {
        nodeParams.put(name, applyDefaults(declared, nodeGiven.getOrDefault(name, Map.of()), name, problems));
      }
    });
    return new ResolvedParams(pipelineParams, nodeParams, problems.list());
  }

  /** The values given for each node, reporting entries for unknown or repeated nodes and unknown params. */
  private static Map<String, Map<String, String>> readNodeValues(Map<String, NodeSpec> nodes,
      List<NodeParams> runNodeParams, Problems problems) {
    Map<String, Map<String, String>> byNode = new HashMap<>();
    if (runNodeParams == null) {
      return byNode;
    }
    for (int i = 0; i < runNodeParams.size(); i++) {
      NodeParams entry = runNodeParams.get(i);
      String path = "spec.nodeParams[" + i + "]";
      String node = entry == null ? null : entry.getNode();
      if (entry == null) {
        problems.add(path, "is empty");
      } else if (node == null || node.isEmpty()) {
        problems.add(path + ".node", "is required");
      } else if (!nodes.containsKey(node)) {
        problems.add(path + ".node", "unknown node " + Quote.of(node));
      } else if (byNode.containsKey(node)) {
        problems.add(path + ".node", "duplicate entry for node " + Quote.of(node));
      } else {
        Map<String, ParamSpec> declared = firstByName(nodes.get(node).getParams(), ParamSpec::getName);
        byNode.put(node, readValues(declared, entry.getParams(), path + ".params", "spec.nodeParams." + node, node,
            problems));
      }
    }
    return byNode;
  }

  /**
   * The given values by name, each checked against its declaration.
   *
   * @param listPath the path of the list, for entries named by their index
   * @param namedPath the path that a param's name is appended to
   * @param node null for pipeline params; otherwise the node, named in messages
   */
  private static Map<String, String> readValues(Map<String, ParamSpec> declared, List<ParamValue> given,
      String listPath, String namedPath, String node, Problems problems) {
    Map<String, String> values = new HashMap<>();
    if (given == null) {
      return values;
    }
    for (int i = 0; i < given.size(); i++) {
      ParamValue value = given.get(i);
      String path = listPath + "[" + i + "]";
      String name = value == null ? null : value.getName();
      if (value == null) {
        problems.add(path, "is empty");
      } else if (name == null || name.isEmpty()) {
        problems.add(path + ".name", "is required");
      } else if (!PARAM_NAME.matcher(name).matches()) {
        problems.add(path + ".name", unknownParam(name, node));
      } else if (!declared.containsKey(name)) {
        problems.add(namedPath + "." + name, unknownParam(name, node));
      } else if (values.containsKey(name)) {
        problems.add(namedPath + "." + name, "given more than once");
      } else {
        String text = value.getValue() == null ? "" : value.getValue();
        values.put(name, text);
        ParamValueCheck.problem(declared.get(name), text)
            .ifPresent(problem -> problems.add(namedPath + "." + name, problem));
      }
    }
    return values;
  }

  private static String unknownParam(String name, String node) {
    return node == null ? "unknown param " + Quote.of(name)
        : "node " + Quote.of(node) + " has no param " + Quote.of(name);
  }

  /** Every declared param with its value: given, else default, else ""; reports missing required ones. */
  private static Map<String, String> applyDefaults(Map<String, ParamSpec> declared, Map<String, String> given,
      String node, Problems problems) {
    Map<String, String> resolved = new LinkedHashMap<>();
    declared.forEach((name, param) -> {
      String value = given.get(name);
      if (value == null && param.isRequired()) {
        problems.add((node == null ? "spec.params." : "spec.nodeParams." + node + ".") + name,
            "required param is missing");
      }
      if (value == null) {
        value = param.getDefaultValue() == null ? "" : param.getDefaultValue();
      }
      resolved.put(name, value);
    });
    return resolved;
  }

  /** The first item of each name, in list order; null items and names are passed over (bad input is reported elsewhere). */
  private static <T> Map<String, T> firstByName(List<T> items, Function<T, String> name) {
    Map<String, T> byName = new LinkedHashMap<>();
    if (items != null) {
      for (T item : items) {
        if (item != null && name.apply(item) != null) {
          byName.putIfAbsent(name.apply(item), item);
        }
      }
    }
    return byName;
  }
}
