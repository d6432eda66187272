package io.flowline.engine;

import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.PipelineSpec;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline spec with its nodes' templates (templateRef) resolved, and every problem of the result: a template
 * that cannot be found, then what the validator finds in the resolved nodes (so a template with a bad image makes
 * each pipeline using it Invalid). What a run snapshots and executes is {@link #spec()}: no templateRef is left in
 * it when {@link #problems()} is empty, so a template edited later never changes a started run.
 *
 * @param spec the spec with each node that names a found template replaced by the merged node
 *     ({@link NodeTemplateMerge}); a node whose template is missing stays as written. The spec given is never
 *     changed; nodes without a template are shared with it.
 */
public record ResolvedPipeline(PipelineSpec spec, List<String> problems) {
  /** A copy of a spec but its nodes, which are replaced anyway (a 10,000-node spec is not copied node by node). */
  private static final ObjectMapper WITHOUT_NODES = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .addMixIn(PipelineSpec.class, IgnoreNodes.class);

  /** The NodeTemplates of the pipeline's namespace, by name. */
  public interface Templates {
    Optional<NodeTemplateSpec> find(String name);
  }

  /**
   * @param fieldPrefix where the spec is, e.g. {@code spec} or {@code spec.pipelineSpec}
   * @param namespace where the templates are looked up, for messages
   */
  public static ResolvedPipeline of(PipelineSpec spec, String fieldPrefix, String namespace, Templates templates,
      PipelineValidator validator) {
    if (spec == null || spec.getNodes() == null || spec.getNodes().stream()
        .noneMatch(node -> node != null && node.getTemplateRef() != null)) {
      return new ResolvedPipeline(spec, validator.validate(spec, fieldPrefix));
    }
    String nodesPath = fieldPrefix + ".nodes";
    Problems problems = new Problems();
    Map<Integer, String> templateOfNode = new HashMap<>();
    List<NodeSpec> nodes = new ArrayList<>(spec.getNodes().size());
    for (int i = 0; i < spec.getNodes().size(); i++) {
      NodeSpec node = spec.getNodes().get(i);
      Optional<NodeTemplateSpec> template = node == null || node.getTemplateRef() == null ? Optional.empty()
          : find(node, nodesPath + "[" + i + "].templateRef.name", namespace, templates, problems);
      if (template.isPresent()) {
        templateOfNode.put(i, node.getTemplateRef().getName());
        nodes.add(NodeTemplateMerge.merge(template.get(), node));
      } else {
        nodes.add(node);
      }
    }
    PipelineSpec resolved = WITHOUT_NODES.convertValue(spec, PipelineSpec.class);
    resolved.setNodes(nodes);
    List<String> all = new ArrayList<>(problems.list());
    for (String problem : validator.validate(resolved, fieldPrefix)) {
      all.add(withTemplate(problem, nodesPath, templateOfNode));
    }
    return new ResolvedPipeline(resolved, List.copyOf(all));
  }

  public boolean valid() {
    return problems.isEmpty();
  }

  private static Optional<NodeTemplateSpec> find(NodeSpec node, String path, String namespace, Templates templates,
      Problems problems) {
    String name = node.getTemplateRef().getName();
    String of = " (node " + Quote.of(node.getName()) + ")";
    if (name == null || name.isEmpty()) {
      problems.add(path, "is required" + of);
      return Optional.empty();
    }
    // Before the lookup: a malformed name must never reach the client, which throws on it.
    Optional<String> malformed = NameRules.dnsSubdomainProblem(name, "NodeTemplate");
    if (malformed.isPresent()) {
      problems.add(path, malformed.get() + of);
      return Optional.empty();
    }
    Optional<NodeTemplateSpec> template = templates.find(name);
    if (template.isEmpty()) {
      problems.add(path, "NodeTemplate " + Quote.of(name) + " not found in namespace " + Quote.of(namespace) + of);
    }
    return template;
  }

  /** Says where a resolved node's fields come from: the problem may be in its template. */
  private static String withTemplate(String problem, String nodesPath, Map<Integer, String> templateOfNode) {
    if (!problem.startsWith(nodesPath + "[")) {
      return problem;
    }
    int close = problem.indexOf(']', nodesPath.length());
    try {
      String template = templateOfNode.get(Integer.parseInt(problem.substring(nodesPath.length() + 1, close)));
      return template == null ? problem : problem + " (the node uses NodeTemplate " + Quote.of(template) + ")";
    } catch (NumberFormatException | IndexOutOfBoundsException e) {
      return problem;
    }
  }

  @JsonIgnoreProperties("nodes")
  private abstract static class IgnoreNodes {
  }
}
