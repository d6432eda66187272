package io.flowline.engine;

import io.flowline.api.ForEachSpec;
import io.flowline.api.NodeDefaults;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.ScheduleSpec;
import io.flowline.api.WhenCondition;
import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds every problem of a pipeline spec, so a user fixes them in one round instead of one per apply. Used
 * for a Pipeline ({@code "spec"}) and for a run's snapshot ({@code "spec.pipelineSpec"}) alike, so both
 * judge a spec the same way. Never throws: the spec comes straight from the API server, and the schema
 * cannot rule out nulls in lists.
 */
public final class PipelineValidator {
  private static final Pattern NODE_NAME = Pattern.compile(NodeSpec.NAME_PATTERN);
  private static final Pattern OUTPUT_NAME = Pattern.compile(NodeSpec.OUTPUT_NAME_PATTERN);
  private static final int MAX_NODE_NAME = 63;
  private static final int MAX_CYCLE_NODES_SHOWN = 20;

  /**
   * Every problem found, each {@code field.path: problem} with the path under {@code fieldPrefix} (e.g.
   * {@code spec.nodes[2].dependsOn[0]: unknown node "x"}), in spec order; empty when the spec is valid.
   */
  public List<String> validate(PipelineSpec spec, String fieldPrefix) {
    String prefix = fieldPrefix == null || fieldPrefix.isBlank() ? "spec" : fieldPrefix;
    Problems problems = new Problems();
    if (spec == null) {
      problems.add(prefix, "is required");
      return problems.list();
    }
    checkDuration(spec.getSleepTimeout(), prefix + ".sleepTimeout", problems);
    checkSchedule(spec.getSchedule(), prefix + ".schedule", problems);
    checkDuration(spec.getTimeout(), prefix + ".timeout", problems);
    ParamSpecChecks.check(spec.getParams(), prefix + ".params", Set.of(), problems);
    checkDefaults(spec.getDefaults(), prefix + ".defaults", problems);
    checkDuration(spec.getFinallyTimeout(), prefix + ".finallyTimeout", problems);
    checkNodes(spec, prefix, spec.getParams(), problems);
    VolumeChecks.check(spec, prefix, problems);
    return problems.list();
  }

  private void checkDefaults(NodeDefaults defaults, String path, Problems problems) {
    if (defaults != null) {
      checkServiceAccount(defaults.getServiceAccountName(), path + ".serviceAccountName", problems);
      checkRetry(defaults.getRetry(), path + ".retry", problems);
      checkDuration(defaults.getTimeout(), path + ".timeout", problems);
    }
  }

  /** The main nodes ({@code nodes}) and the finally nodes ({@code finally}): two graphs with one name space. */
  private void checkNodes(PipelineSpec spec, String prefix, List<ParamSpec> pipelineParamSpecs,
      Problems problems) {
    Set<String> pipelineParams = namesOf(pipelineParamSpecs);
    List<NodeSpec> main = spec.getNodes() == null ? List.of() : spec.getNodes();
    List<NodeSpec> finallyNodes = spec.getFinallyNodes() == null ? List.of() : spec.getFinallyNodes();
    if (main.isEmpty()) {
      problems.add(prefix + ".nodes", "at least one node is required");
    }
    Map<String, Integer> mainIndex = firstIndexByName(main);
    Map<String, Integer> finallyIndex = firstIndexByName(finallyNodes);
    Map<String, Set<String>> declaredOutputs = new HashMap<>();
    for (NodeSpec node : PipelineNodes.all(spec)) {
      if (node.getName() != null) {
        declaredOutputs.putIfAbsent(node.getName(), nonNull(node.getOutputs()));
      }
    }
    Dag mainDag = Dag.of(main);
    Dag finallyDag = Dag.of(finallyNodes);
    ReferenceCheck mainReferences = new ReferenceCheck(mainDag, declaredOutputs, pipelineParams,
        mainIndex.keySet(), finallyIndex.keySet(), false);
    ReferenceCheck finallyReferences = new ReferenceCheck(finallyDag, declaredOutputs, pipelineParams,
        mainIndex.keySet(), finallyIndex.keySet(), true);
    String mainPath = prefix + ".nodes";
    String finallyPath = prefix + ".finally";
    checkList(main, new NodeList(mainPath, mainDag, mainIndex, pipelineParams, pipelineParamSpecs, mainReferences,
        false, finallyPath, finallyIndex), problems);
    checkList(finallyNodes, new NodeList(finallyPath, finallyDag, finallyIndex, pipelineParams, pipelineParamSpecs,
        finallyReferences, true, mainPath, mainIndex), problems);
    Set<String> fanOuts = fanOuts(PipelineNodes.all(spec));
    checkChildNamesFree(main, mainPath, fanOuts, problems);
    checkChildNamesFree(finallyNodes, finallyPath, fanOuts, problems);
  }

  private void checkList(List<NodeSpec> nodes, NodeList nodeList, Problems problems) {
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec node = nodes.get(i);
      String nodePath = nodeList.path() + "[" + i + "]";
      if (node == null) {
        problems.add(nodePath, "is empty (a node needs at least a name and an image)");
        continue;
      }
      // Only the first node of a name is in the graph, so only its ancestry can be judged.
      String name = node.getName();
      boolean inGraph = name != null && nodeList.firstIndexByName().get(name) == i;
      new NodeCheck(node, nodePath, inGraph ? name : null, nodeList, problems).run();
    }
    nodeList.dag().findCycle(true)
        .ifPresent(cycle -> problems.add(nodeList.path(), "dependency cycle " + describeCycle(cycle)));
  }

  private static Set<String> fanOuts(List<NodeSpec> nodes) {
    Set<String> fanOuts = new HashSet<>();
    for (NodeSpec node : nodes) {
      if (node.getName() != null && node.getForEach() != null) {
        fanOuts.add(node.getName());
      }
    }
    return fanOuts;
  }

  /**
   * A forEach node's children are named {@code <node>-<index>}: no other node, main or finally, may take such a
   * name.
   */
  private static void checkChildNamesFree(List<NodeSpec> nodes, String path, Set<String> fanOuts,
      Problems problems) {
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec node = nodes.get(i);
      if (node == null || node.getName() == null) {
        continue;
      }
      String namePath = path + "[" + i + "].name";
      ForEachChildren.parse(node.getName()).filter(child -> fanOuts.contains(child.parent()))
          .ifPresent(child -> problems.add(namePath, "node name " + Quote.of(node.getName())
              + " is taken by item " + child.index() + " of forEach node " + Quote.of(child.parent())));
    }
  }

  private static Map<String, Integer> firstIndexByName(List<NodeSpec> nodes) {
    Map<String, Integer> firstIndexByName = new HashMap<>();
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec node = nodes.get(i);
      if (node != null && node.getName() != null) {
        firstIndexByName.putIfAbsent(node.getName(), i);
      }
    }
    return firstIndexByName;
  }

  /**
   * {@code a -> b -> c -> a (each node depends on the next)}. A very long cycle shows its first and last
   * nodes only, so the problem list (a status condition message) stays readable and small.
   */
  private static String describeCycle(List<String> cycle) {
    List<String> shown = new ArrayList<>();
    if (cycle.size() <= MAX_CYCLE_NODES_SHOWN) {
      shown.addAll(cycle);
    } else {
      shown.addAll(cycle.subList(0, MAX_CYCLE_NODES_SHOWN / 2));
      shown.add("...");
      shown.addAll(cycle.subList(cycle.size() - MAX_CYCLE_NODES_SHOWN / 2, cycle.size()));
    }
    shown.add(cycle.get(0));
    String text = String.join(" -> ", shown.stream().map(Quote::escaped).toList());
    return cycle.size() <= MAX_CYCLE_NODES_SHOWN
        ? text + " (each node depends on the next)"
        : text + " (" + cycle.size() + " nodes, each depending on the next)";
  }

  /**
   * What the checks of every node of one list share.
   *
   * @param finallyPart whether this is the finally list
   * @param otherPath the other list's path ({@code spec.finally} for the main list, and the other way round)
   * @param otherIndexByName the other list's first index of each name
   */
  private record NodeList(String path, Dag dag, Map<String, Integer> firstIndexByName, Set<String> pipelineParams,
      List<ParamSpec> pipelineParamSpecs, ReferenceCheck references, boolean finallyPart, String otherPath,
      Map<String, Integer> otherIndexByName) {
  }

  /** The checks of one node. */
  private static final class NodeCheck {
    private final NodeSpec node;
    private final String path;
    private final String graphName;
    private final NodeList nodeList;
    private final Set<String> nodeParams;
    private final Problems problems;

    /** @param graphName the node's name when the graph holds this node, null otherwise */
    NodeCheck(NodeSpec node, String path, String graphName, NodeList nodeList, Problems problems) {
      this.node = node;
      this.path = path;
      this.graphName = graphName;
      this.nodeList = nodeList;
      this.nodeParams = namesOf(node.getParams());
      this.problems = problems;
    }

    void run() {
      checkName();
      checkDependsOn();
      checkImage();
      checkTemplates(node.getCommand(), path + ".command");
      checkTemplates(node.getArgs(), path + ".args");
      checkEnv();
      checkTemplate(node.getWorkingDir(), path + ".workingDir");
      ResourceChecks.check(node.getResources(), path + ".resources", problems);
      checkServiceAccount(node.getServiceAccountName(), path + ".serviceAccountName", problems);
      ParamSpecChecks.check(node.getParams(), path + ".params", nodeList.pipelineParams(), problems);
      checkOutputs();
      checkRetry(node.getRetry(), path + ".retry", problems);
      checkDuration(node.getTimeout(), path + ".timeout", problems);
      checkForEach();
      checkWhen();
    }

    private void checkForEach() {
      ForEachSpec forEach = node.getForEach();
      if (forEach == null) {
        if (node.getMaxParallel() != null) {
          problems.add(path + ".maxParallel", "is only allowed with forEach");
        }
        return;
      }
      String forEachPath = path + ".forEach";
      int sources = (forEach.getItems() != null ? 1 : 0) + (forEach.getParam() != null ? 1 : 0)
          + (forEach.getOutput() != null ? 1 : 0);
      if (sources != 1) {
        problems.add(forEachPath, "set exactly one of items, param or output");
      }
      if (forEach.getItems() != null && forEach.getItems().size() > ForEachSpec.MAX_ITEMS) {
        problems.add(forEachPath + ".items", "has " + forEach.getItems().size() + " items; at most "
            + ForEachSpec.MAX_ITEMS);
      }
      if (forEach.getParam() != null) {
        checkArrayParam(forEach.getParam(), forEachPath + ".param");
      }
      if (forEach.getOutput() != null) {
        for (String problem : nodeList.references().problems(forEach.getOutput(), graphName, nodeParams)) {
          problems.add(forEachPath + ".output", problem);
        }
      }
      if (node.getMaxParallel() != null && node.getMaxParallel() < 1) {
        problems.add(path + ".maxParallel", "must be at least 1, got " + node.getMaxParallel());
      }
    }

    private void checkArrayParam(String name, String paramPath) {
      ParamSpec param = Stream.concat(nonNullParams(node.getParams()).stream(),
              nonNullParams(nodeList.pipelineParamSpecs()).stream())
          .filter(candidate -> name.equals(candidate.getName())).findFirst().orElse(null);
      if (param == null) {
        problems.add(paramPath, "unknown param " + Quote.of(name));
      } else if (param.effectiveType() != ParamType.ARRAY) {
        problems.add(paramPath, "param " + Quote.of(name) + " must be of type array (a JSON array of strings), "
            + "not " + param.effectiveType().name().toLowerCase());
      }
    }

    private void checkItemReference(String expression, String fieldPath) {
      checkItemReferenceOf(node, expression, fieldPath, problems);
    }

    private void checkWhen() {
      List<WhenCondition> when = node.getWhen();
      if (when == null) {
        return;
      }
      for (int k = 0; k < when.size(); k++) {
        WhenCondition condition = when.get(k);
        String conditionPath = path + ".when[" + k + "]";
        if (condition == null) {
          problems.add(conditionPath, "is empty (a condition needs input, operator and values)");
          continue;
        }
        if (condition.getInput() == null) {
          problems.add(conditionPath + ".input", "is required");
        } else {
          checkTemplate(condition.getInput(), conditionPath + ".input");
        }
        if (condition.getOperator() == null) {
          problems.add(conditionPath + ".operator", "is required (in or notin)");
        }
        if (condition.getValues().isEmpty()) {
          problems.add(conditionPath + ".values", "at least one value is required");
        } else if (condition.getValues().contains(null)) {
          problems.add(conditionPath + ".values", "must not hold null (write \"\" for the empty string)");
        }
      }
    }

    private void checkName() {
      String name = node.getName();
      if (name == null || name.isEmpty()) {
        problems.add(path + ".name", "is required");
      } else if (name.length() > MAX_NODE_NAME || !NODE_NAME.matcher(name).matches()) {
        problems.add(path + ".name", Quote.of(name) + " is not a valid node name (a DNS-1123 label: lower case "
            + "letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
      }
      if (name != null && !name.isEmpty() && graphName == null) {
        problems.add(path + ".name", "duplicate node name " + Quote.of(name) + " (already used by "
            + nodeList.path() + "[" + nodeList.firstIndexByName().get(name) + "])");
      } else if (name != null && nodeList.finallyPart() && nodeList.otherIndexByName().containsKey(name)) {
        // Names are one name space: Jobs, status entries and references do not say which list a node is in.
        problems.add(path + ".name", "duplicate node name " + Quote.of(name) + " (already used by "
            + nodeList.otherPath() + "[" + nodeList.otherIndexByName().get(name) + "])");
      }
    }

    private void checkImage() {
      String image = node.getImage();
      if (image == null || image.isBlank()) {
        // A node that still names a template was not resolved: that its template is missing is the problem.
        if (node.getTemplateRef() == null) {
          String name = node.getName();
          problems.add(path + ".image", name == null || name.isEmpty() ? "is required"
              : "is required: node " + Quote.of(name) + " sets no image and no template gives one");
        }
        return;
      }
      ImageReferences.problem(image).ifPresent(problem -> problems.add(path + ".image", problem));
    }

    private void checkDependsOn() {
      List<String> dependsOn = node.getDependsOn();
      if (dependsOn == null) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int j = 0; j < dependsOn.size(); j++) {
        String dependency = dependsOn.get(j);
        String entryPath = path + ".dependsOn[" + j + "]";
        if (dependency == null || dependency.isEmpty()) {
          problems.add(entryPath, "is empty");
        } else if (dependency.equals(node.getName())) {
          problems.add(entryPath, "node " + Quote.of(dependency) + " depends on itself");
        } else if (!nodeList.dag().contains(dependency) && nodeList.otherIndexByName().containsKey(dependency)) {
          problems.add(entryPath, nodeList.finallyPart()
              ? "node " + Quote.of(dependency) + " is a main node: finally nodes start after every main node has "
                  + "finished and cannot depend on one"
              : "node " + Quote.of(dependency) + " is a finally node: main nodes cannot depend on finally nodes");
        } else if (!nodeList.dag().contains(dependency)) {
          problems.add(entryPath, "unknown node " + Quote.of(dependency));
        } else if (!seen.add(dependency)) {
          problems.add(entryPath, "duplicate entry " + Quote.of(dependency));
        }
      }
    }

    private void checkEnv() {
      List<EnvVar> env = node.getEnv();
      if (env == null) {
        return;
      }
      for (int k = 0; k < env.size(); k++) {
        EnvVar variable = env.get(k);
        if (variable == null) {
          continue;
        }
        String namePath = path + ".env[" + k + "].name";
        if (variable.getName() == null || variable.getName().isEmpty()) {
          problems.add(namePath, "is required");
        } else {
          NameRules.envVarNameProblem(variable.getName()).ifPresent(problem -> problems.add(namePath, problem));
        }
        checkTemplate(variable.getValue(), path + ".env[" + k + "].value");
      }
    }

    private void checkOutputs() {
      List<String> outputs = node.getOutputs();
      if (outputs == null) {
        return;
      }
      Set<String> seen = new HashSet<>();
      for (int k = 0; k < outputs.size(); k++) {
        String output = outputs.get(k);
        String outputPath = path + ".outputs[" + k + "]";
        if (output == null || output.isEmpty()) {
          problems.add(outputPath, "is empty");
        } else if (!OUTPUT_NAME.matcher(output).matches()) {
          problems.add(outputPath, Quote.of(output) + " is not a valid output name (letters, digits, '_', '.' "
              + "and '-', starting with a letter or '_')");
        } else if (!seen.add(output)) {
          problems.add(outputPath, "duplicate output " + Quote.of(output));
        }
      }
    }

    private void checkTemplates(List<String> templates, String listPath) {
      if (templates != null) {
        for (int k = 0; k < templates.size(); k++) {
          checkTemplate(templates.get(k), listPath + "[" + k + "]");
        }
      }
    }

    private void checkTemplate(String template, String fieldPath) {
      // A reference repeated within one string is reported once.
      for (String expression : new LinkedHashSet<>(Substitution.references(template))) {
        if (expression.equals("item") || expression.startsWith("item.")) {
          checkItemReference(expression, fieldPath);
          continue;
        }
        for (String problem : nodeList.references().problems(expression, graphName, nodeParams)) {
          problems.add(fieldPath, problem);
        }
      }
    }
  }

  /** {@code $(item)} and {@code $(item.index)}: what a child of a forEach node is given. */
  private static void checkItemReferenceOf(NodeSpec node, String expression, String fieldPath, Problems problems) {
    if (!expression.equals("item") && !expression.equals("item.index")) {
      problems.add(fieldPath, Quote.reference(expression) + " refers to unknown item field (use $(item) or "
          + "$(item.index))");
    } else if (node.getForEach() == null) {
      problems.add(fieldPath, Quote.reference(expression) + " is only available in a node with forEach");
    }
  }

  /** An empty {@code schedule: {}} is no schedule, as a blank cron is: only what is set is judged. */
  private static void checkSchedule(ScheduleSpec schedule, String path, Problems problems) {
    if (schedule == null) {
      return;
    }
    boolean hasCron = schedule.getCron() != null && !schedule.getCron().isBlank();
    if (hasCron) {
      CronSchedule.cronProblem(schedule.getCron()).ifPresent(problem -> problems.add(path + ".cron", problem));
    } else if (schedule.getTimeZone() != null || schedule.getStartingDeadlineSeconds() != null) {
      problems.add(path + ".cron", "is required when timeZone or startingDeadlineSeconds is set");
    }
    CronSchedule.timeZoneProblem(schedule.getTimeZone()).ifPresent(problem -> problems.add(path + ".timeZone",
        problem));
    Long deadline = schedule.getStartingDeadlineSeconds();
    if (deadline != null && deadline < 0) {
      problems.add(path + ".startingDeadlineSeconds", "must be 0 or more, got " + deadline);
    }
  }

  private static void checkRetry(RetrySpec retry, String path, Problems problems) {
    if (retry == null) {
      return;
    }
    if (retry.getLimit() != null && retry.getLimit() < 0) {
      problems.add(path + ".limit", "must be 0 or more, got " + retry.getLimit());
    }
    checkDuration(retry.getDelay(), path + ".delay", problems);
    Double factor = retry.getBackoffFactor();
    if (factor != null && !(factor >= 1 && factor < Double.POSITIVE_INFINITY)) {
      problems.add(path + ".backoffFactor", "must be at least 1, got " + factor);
    }
    checkDuration(retry.getMaxDelay(), path + ".maxDelay", problems);
  }

  /** Null or empty: not set, the next level's (run, defaults, the namespace's default account) applies. */
  private static void checkServiceAccount(String name, String path, Problems problems) {
    if (name != null && !name.isEmpty()) {
      NameRules.dnsSubdomainProblem(name, "service account").ifPresent(problem -> problems.add(path, problem));
    }
  }

  private static void checkDuration(String text, String path, Problems problems) {
    try {
      GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(path, e.getMessage());
    }
  }

  private static Set<String> namesOf(List<ParamSpec> params) {
    Set<String> names = new HashSet<>();
    if (params != null) {
      for (ParamSpec param : params) {
        if (param != null && param.getName() != null) {
          names.add(param.getName());
        }
      }
    }
    return names;
  }

  private static List<ParamSpec> nonNullParams(List<ParamSpec> params) {
    return params == null ? List.of() : params.stream().filter(Objects::nonNull).toList();
  }

  private static Set<String> nonNull(List<String> values) {
    Set<String> result = new HashSet<>();
    if (values != null) {
      for (String value : values) {
        if (value != null) {
          result.add(value);
        }
      }
    }
    return result;
  }
}
