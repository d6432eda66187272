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
 * @param spec the spec with each node (of nodes and of finally) that names a found template replaced by the
 *     merged node ({@link NodeTemplateMerge}); a node whose template is missing stays as written. The spec given is
 *     never changed; nodes without a template are shared with it.
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
    if (spec == null || (!usesTemplates(spec.getNodes()) && !usesTemplates(spec.getFinallyNodes()))) {
      return new ResolvedPipeline(spec, validator.validate(spec, fieldPrefix));
    }
    Problems problems = new Problems();
    Map<String, Map<Integer, String>> templateOfNode = new HashMap<>();
    List<NodeSpec> nodes = resolve(spec.getNodes(), fieldPrefix + ".nodes", namespace, templates, problems,
        templateOfNode);
    List<NodeSpec> finallyNodes = resolve(spec.getFinallyNodes(), fieldPrefix + ".finally", namespace, templates,
        problems, templateOfNode);
    PipelineSpec resolved = WITHOUT_NODES.convertValue(spec, PipelineSpec.class);
    resolved.setNodes(nodes);
    resolved.setFinallyNodes(finallyNodes);
    List<String> all = new ArrayList<>(problems.list());
    for (String problem : validator.validate(resolved, fieldPrefix)) {
      all.add(withTemplate(problem, templateOfNode));
    }
    return new ResolvedPipeline(resolved, List.copyOf(all));
  }

  private static boolean usesTemplates(List<NodeSpec> nodes) {
    return nodes != null && nodes.stream().anyMatch(node -> node != null && node.getTemplateRef() != null);
  }

  /** One list of nodes ({@code nodes} or {@code finally}) resolved; records which node uses which template. */
  private static List<NodeSpec> resolve(List<NodeSpec> nodes, String listPath, String namespace, Templates templates,
      Problems problems, Map<String, Map<Integer, String>> templateOfNode) {
    if (nodes == null) {
      return new ArrayList<>();
    }
    List<NodeSpec> resolved = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      NodeSpec node = nodes.get(i);
      Optional<NodeTemplateSpec> template = node == null || node.getTemplateRef() == null ? Optional.empty()
          : find(node, listPath + "[" + i + "].templateRef.name", namespace, templates, problems);
      if (template.isPresent()) {
        templateOfNode.computeIfAbsent(listPath, path -> new HashMap<>()).put(i, node.getTemplateRef().getName());
        resolved.add(NodeTemplateMerge.merge(template.get(), node));
      } else {
        resolved.add(node);
      }
    }
    return resolved;
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
  private static String withTemplate(String problem, Map<String, Map<Integer, String>> templateOfNode) {
    for (Map.Entry<String, Map<Integer, String>> list : templateOfNode.entrySet()) {
      String listPath = list.getKey();
      if (!problem.startsWith(listPath + "[")) {
        continue;
      }
      int close = problem.indexOf(']', listPath.length());
      try {
        String template = list.getValue().get(Integer.parseInt(problem.substring(listPath.length() + 1, close)));
        return template == null ? problem : problem + " (the node uses NodeTemplate " + Quote.of(template) + ")";
      } catch (NumberFormatException | IndexOutOfBoundsException e) {
        return problem;
      }
    }
    return problem;
  }

  @JsonIgnoreProperties({"nodes", "finally"})
  private abstract static class IgnoreNodes {
  }
}
