package io.flowline.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Merge patches of spec fields, as {@code kubectl patch --type=merge} would send them. A patch computed from the
 * object's current value (retry + 1, skipNodes + one) carries its resourceVersion, so a concurrent edit makes the
 * API answer 409 and the patch is computed again from the new value.
 */
public final class RunPatcher {
  private static final int CONFLICT_ATTEMPTS = 5;

  private RunPatcher() {
  }

  /** Patches spec fields of the run; {@code fields} maps field to value (null removes the field). */
  public static PipelineRun patchSpec(Session session, String run, Map<String, Object> fields) {
    String body = session.client().getKubernetesSerialization().asJson(Map.of("spec", fields));
    return session.runs().inNamespace(session.namespace()).withName(run)
        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  /** Patches spec fields of the pipeline. */
  public static Pipeline patchPipelineSpec(Session session, String pipeline, Map<String, Object> fields) {
    String body = session.client().getKubernetesSerialization().asJson(Map.of("spec", fields));
    return session.pipelines().inNamespace(session.namespace()).withName(pipeline)
        .patch(PatchContext.of(PatchType.JSON_MERGE), body);
  }

  /**
   * Reads the run, computes spec fields from it and patches them guarded by its resourceVersion; recomputes on a
   * conflict. {@code compute} may throw a CliException to refuse.
   */
  public static PipelineRun patchFromCurrent(Session session, String run,
      Function<PipelineRun, Map<String, Object>> compute) {
    for (int attempt = 1; ; attempt++) {
      PipelineRun current = session.run(run);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()));
      body.put("spec", compute.apply(current));
      try {
        return session.runs().inNamespace(session.namespace()).withName(run)
            .patch(PatchContext.of(PatchType.JSON_MERGE), session.client().getKubernetesSerialization().asJson(body));
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || attempt >= CONFLICT_ATTEMPTS) {
          throw e;
        }
      }
    }
  }
}
