package io.flowline.engine;

import io.flowline.api.ParamValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The params of one run after defaults were applied.
 *
 * @param pipelineParams one entry per declared pipeline param, in declaration order
 * @param nodeParams node name to (param name to value), for each node that declares params, in declaration order
 * @param problems what is wrong with the run's params, as {@code field.path: problem}; the values above are
 *     still filled as well as possible
 */
public record ResolvedParams(List<ParamValue> pipelineParams, Map<String, Map<String, String>> nodeParams,
    List<String> problems) {

  public ResolvedParams {
    pipelineParams = pipelineParams == null ? List.of() : List.copyOf(pipelineParams);
    nodeParams = nodeParams == null ? Map.of() : copyKeepingOrder(nodeParams);
    problems = problems == null ? List.of() : List.copyOf(problems);
  }

  /** True when the run may start with these params. */
  public boolean ok() {
    return problems.isEmpty();
  }

  private static Map<String, Map<String, String>> copyKeepingOrder(Map<String, Map<String, String>> byNode) {
    Map<String, Map<String, String>> copy = new LinkedHashMap<>();
    byNode.forEach((node, values) -> copy.put(node,
        Collections.unmodifiableMap(values == null ? new LinkedHashMap<>() : new LinkedHashMap<>(values))));
    return Collections.unmodifiableMap(copy);
  }
}
