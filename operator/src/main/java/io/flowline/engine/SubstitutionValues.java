package io.flowline.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the values {@link Substitution#apply} uses for one node attempt, keyed exactly as the
 * expressions are written: {@code params.NAME}, {@code nodes.NODE.outputs.NAME}, {@code run.name},
 * {@code run.namespace}, {@code run.uid}, {@code run.correlationId}, {@code pipeline.name},
 * {@code node.name}, {@code node.attempt}.
 */
public final class SubstitutionValues {
  private SubstitutionValues() {
  }

  /**
   * The substitution map of one node attempt. Null strings become "" (a run without correlationId
   * substitutes ""), null maps count as empty.
   *
   * @param params resolved params visible to the node: pipeline params plus the node's own params
   * @param upstreamOutputs outputs of finished upstream nodes, node name to (output name to value). An
   *     upstream node that was skipped or failed with allowFailure must be passed with each declared output
   *     mapped to "" (the contract says they resolve to the empty string); an output absent from this map
   *     is not substituted at all
   * @param pipelineName the Pipeline's name, or the run's own name for an inline spec
   * @param attempt the attempt number, 1 for the first attempt
   */
  public static Map<String, String> of(Map<String, String> params, Map<String, Map<String, String>> upstreamOutputs,
      String runName, String namespace, String runUid, String correlationId, String pipelineName,
      String nodeName, int attempt) {
    Map<String, String> values = new LinkedHashMap<>();
    if (params != null) {
      params.forEach((name, value) -> values.put("params." + name, orEmpty(value)));
    }
    if (upstreamOutputs != null) {
      upstreamOutputs.forEach((node, outputs) -> {
        if (outputs != null) {
          outputs.forEach((name, value) -> values.put("nodes." + node + ".outputs." + name, orEmpty(value)));
        }
      });
    }
    values.put("run.name", orEmpty(runName));
    values.put("run.namespace", orEmpty(namespace));
    values.put("run.uid", orEmpty(runUid));
    values.put("run.correlationId", orEmpty(correlationId));
    values.put("pipeline.name", orEmpty(pipelineName));
    values.put("node.name", orEmpty(nodeName));
    values.put("node.attempt", Integer.toString(attempt));
    return Collections.unmodifiableMap(values);
  }

  /** The values of one child of a forEach node: {@code item} and {@code item.index} added. */
  public static Map<String, String> withItem(Map<String, String> values, String item, int index) {
    Map<String, String> withItem = new LinkedHashMap<>(values);
    withItem.put("item", orEmpty(item));
    withItem.put("item.index", Integer.toString(index));
    return Collections.unmodifiableMap(withItem);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
