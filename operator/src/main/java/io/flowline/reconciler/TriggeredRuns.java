package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.kube.FlowlineLabels;
import java.net.HttpURLConnection;
import java.util.Map;

/**
 * Creates the runs a Pipeline starts by itself (schedule, Auto activation). The names are deterministic, so a
 * create that finds the name taken means another reconcile (or operator) already made that very run: not an error.
 * The Pipeline owns these runs, as a CronJob owns its Jobs: deleting it deletes them. Any other API error
 * propagates, and the Pipeline's reconciliation is retried with backoff.
 */
final class TriggeredRuns {
  /** Label on runs the operator created: schedule or auto. */
  static final String TRIGGER_LABEL = "flowline.io/trigger";

  private final KubernetesClient client;

  TriggeredRuns(KubernetesClient client) {
    this.client = client;
  }

  /** Creates run {@code name} of {@code pipeline}; false when it already exists. */
  boolean create(Pipeline pipeline, String name, String trigger) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName(name);
    run.getMetadata().setNamespace(pipeline.getMetadata().getNamespace());
    run.getMetadata().setLabels(Map.of(FlowlineLabels.PIPELINE, pipeline.getMetadata().getName(),
        TRIGGER_LABEL, trigger));
    run.getMetadata().setOwnerReferences(java.util.List.of(new OwnerReferenceBuilder()
        .withApiVersion(pipeline.getApiVersion()).withKind(pipeline.getKind())
        .withName(pipeline.getMetadata().getName()).withUid(pipeline.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(false).build()));
    PipelineRunSpec spec = new PipelineRunSpec();
    PipelineRef ref = new PipelineRef();
    ref.setName(pipeline.getMetadata().getName());
    spec.setPipelineRef(ref);
    run.setSpec(spec);
    try {
      client.resources(PipelineRun.class).inNamespace(pipeline.getMetadata().getNamespace()).resource(run).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return false;
      }
      throw e;
    }
  }
}
