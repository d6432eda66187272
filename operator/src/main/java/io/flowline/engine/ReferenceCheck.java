package io.flowline.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks Flowline references ({@code $(params.X)}, {@code $(nodes.N.outputs.O)}, {@code $(run.X)}, ...) of
 * one pipeline against what its spec declares.
 */
final class ReferenceCheck {
  private static final String OUTPUTS = ".outputs.";
  private static final Set<String> RUN_FIELDS = Set.of("name", "namespace", "uid", "correlationId");

  private final Dag dag;
  private final Map<String, Set<String>> declaredOutputs;
  private final Set<String> pipelineParams;
  private final Set<String> mainNodes;
  private final Set<String> finallyNodes;
  private final boolean finallyPart;

  /**
   * @param declaredOutputs node name to its declared output names (the first node of a duplicated name)
   */
  ReferenceCheck(Dag dag, Map<String, Set<String>> declaredOutputs, Set<String> pipelineParams) {
    this(dag, declaredOutputs, pipelineParams, Set.of(), Set.of(), false);
  }

  /**
   * @param dag the graph of the list the referring nodes are in (main nodes, or finally nodes)
   * @param declaredOutputs declared outputs of main and finally nodes
   * @param finallyPart whether the referring nodes are finally nodes: only they may read $(run.status),
   *     $(nodes.NODE.phase) and outputs of any main node
   */
  ReferenceCheck(Dag dag, Map<String, Set<String>> declaredOutputs, Set<String> pipelineParams,
      Set<String> mainNodes, Set<String> finallyNodes, boolean finallyPart) {
    this.dag = dag;
    this.declaredOutputs = declaredOutputs;
    this.pipelineParams = pipelineParams;
    this.mainNodes = mainNodes;
    this.finallyNodes = finallyNodes;
    this.finallyPart = finallyPart;
  }

  /**
   * The problems of one reference made by a node; empty when it is fine.
   *
   * @param node the referring node's name, or null when ancestry cannot be judged (the node has no name, or
   *     a name already used by an earlier node, so the graph does not hold its dependsOn)
   */
  List<String> problems(String expression, String node, Set<String> nodeParams) {
    List<String> problems = new ArrayList<>(1);
    String shown = Quote.reference(expression);
    if (expression.startsWith("params.")) {
      String name = expression.substring("params.".length());
      if (!pipelineParams.contains(name) && !nodeParams.contains(name)) {
        problems.add(shown + " refers to unknown param " + Quote.of(name));
      }
    } else if (expression.startsWith("nodes.")) {
      checkOutputReference(expression, shown, node, problems);
    } else if (expression.startsWith("run.")) {
      String field = expression.substring("run.".length());
      if (field.equals("status")) {
        if (!finallyPart) {
          problems.add(shown + " is only available in finally nodes (it is the outcome of the main part)");
        }
      } else if (!RUN_FIELDS.contains(field)) {
        problems.add(shown + " refers to unknown run field " + Quote.of(field)
            + " (use run.name, run.namespace, run.uid or run.correlationId"
            + (finallyPart ? ", or run.status" : "") + ")");
      }
    } else if (expression.startsWith("pipeline.")) {
      String field = expression.substring("pipeline.".length());
      if (!field.equals("name")) {
        problems.add(shown + " refers to unknown pipeline field " + Quote.of(field) + " (use pipeline.name)");
      }
    } else if (expression.startsWith("node.")) {
      String field = expression.substring("node.".length());
      if (!field.equals("name") && !field.equals("attempt")) {
        problems.add(shown + " refers to unknown node field " + Quote.of(field)
            + " (use node.name or node.attempt)");
      }
    }
    return problems;
  }

  private void checkOutputReference(String expression, String shown, String node, List<String> problems) {
    // Node names hold no '.', output names may: "nodes.N.outputs.a.b" is output "a.b" of node N.
    String rest = expression.substring("nodes.".length());
    int dot = rest.indexOf('.');
    if (dot > 0 && rest.substring(dot).equals(".phase")) {
      checkPhaseReference(rest.substring(0, dot), shown, problems);
      return;
    }
    if (dot <= 0 || !rest.startsWith(OUTPUTS, dot) || rest.length() == dot + OUTPUTS.length()) {
      problems.add(shown + " is not a valid reference (use $(nodes.NODE.outputs.NAME))");
      return;
    }
    String source = rest.substring(0, dot);
    String output = rest.substring(dot + OUTPUTS.length());
    if (finallyPart && mainNodes.contains(source)) {
      checkDeclared(shown, source, output, problems); // every main node has finished before a finally node starts
      return;
    }
    if (!finallyPart && finallyNodes.contains(source)) {
      problems.add(shown + ": node " + Quote.of(source) + " is a finally node, which runs after every main node");
      return;
    }
    if (!dag.contains(source)) {
      problems.add(shown + " refers to unknown node " + Quote.of(source));
      return;
    }
    if (source.equals(node)) {
      problems.add(shown + ": a node cannot read its own outputs");
      return;
    }
    if (node != null && !dag.isAncestor(source, node)) {
      problems.add(shown + ": node " + Quote.of(source) + " is not an ancestor of " + Quote.of(node)
          + " (add it to dependsOn, directly or through a node in between)");
    }
    checkDeclared(shown, source, output, problems);
  }

  private void checkDeclared(String shown, String source, String output, List<String> problems) {
    if (!declaredOutputs.getOrDefault(source, Set.of()).contains(output)) {
      problems.add(shown + ": node " + Quote.of(source) + " does not declare output " + Quote.of(output));
    }
  }

  private void checkPhaseReference(String source, String shown, List<String> problems) {
    if (!finallyPart) {
      problems.add(shown + " is only available in finally nodes (a main node's phase is known once the main "
          + "part has ended)");
    } else if (finallyNodes.contains(source)) {
      problems.add(shown + ": node " + Quote.of(source) + " is a finally node; $(nodes.NODE.phase) reads main "
          + "nodes only");
    } else if (!mainNodes.contains(source)) {
      problems.add(shown + " refers to unknown node " + Quote.of(source));
    }
  }
}
