package io.flowline.dashboard;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flowline.api.DesiredRunState;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link RunControl} on the API server, with JSON merge patches of the run's control fields only. */
final class KubeRunControl implements RunControl {
  /** Room for generateName's five random characters within a name that stays readable. */
  private static final int PREFIX_LENGTH = 52;

  private final KubernetesClient client;

  KubeRunControl(KubernetesClient client) {
    this.client = client;
  }

  @Override
  public String start(String namespace, String pipeline, List<ParamValue> params, String correlationId) {
    PipelineRun run = new PipelineRun();
    String prefix = pipeline.length() > PREFIX_LENGTH ? pipeline.substring(0, PREFIX_LENGTH) : pipeline;
    run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withGenerateName(prefix + "-").build());
    PipelineRunSpec spec = new PipelineRunSpec();
    PipelineRef ref = new PipelineRef();
    ref.setName(pipeline);
    spec.setPipelineRef(ref);
    spec.setParams(new ArrayList<>(params));
    if (correlationId != null && !correlationId.isBlank()) {
      spec.setCorrelationId(correlationId.trim());
    }
    run.setSpec(spec);
    return client.resources(PipelineRun.class).inNamespace(namespace).resource(run).create().getMetadata().getName();
  }

  @Override
  public void setState(String namespace, String run, DesiredRunState state) {
    patch(namespace, run, Map.of("spec", Map.of("state", state.name())));
  }

  @Override
  public void retry(String namespace, String run) {
    PipelineRun current = client.resources(PipelineRun.class).inNamespace(namespace).withName(run).get();
    if (current == null) {
      throw new KubernetesClientException("pipelineruns \"" + run + "\" not found", HttpURLConnection.HTTP_NOT_FOUND,
          null);
    }
    PipelineRunSpec spec = current.getSpec() == null ? new PipelineRunSpec() : current.getSpec();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("retry", (spec.getRetry() == null ? 0 : spec.getRetry()) + 1);
    if (spec.getState() == DesiredRunState.Stopped || spec.getState() == DesiredRunState.Cancelled) {
      fields.put("state", DesiredRunState.Running.name());
    }
    // The resourceVersion makes two clicks at once one retry and one 409, not two retries of one reading.
    patch(namespace, run, Map.of("metadata", Map.of("resourceVersion", current.getMetadata().getResourceVersion()),
        "spec", fields));
  }

  private void patch(String namespace, String run, Map<String, Object> mergePatch) {
    client.resources(PipelineRun.class).inNamespace(namespace).withName(run)
        .patch(PatchContext.of(PatchType.JSON_MERGE), JsonText.of(mergePatch));
  }
}
