package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * GitOps sees no drift it did not cause: running a pipeline changes only the status of the user's objects, never
 * their spec, labels, annotations or generation.
 */
class ZeroDriftTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  /** What a GitOps tool compares: everything but status and the server's bookkeeping. */
  private static Map<String, Object> userOwned(HasMetadata object, Object spec) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("spec", Serialization.asJson(spec));
    fields.put("labels", object.getMetadata().getLabels());
    fields.put("annotations", object.getMetadata().getAnnotations());
    fields.put("generation", object.getMetadata().getGeneration());
    fields.put("finalizers", object.getMetadata().getFinalizers());
    fields.put("ownerReferences", object.getMetadata().getOwnerReferences());
    return fields;
  }

  @Test
  void aRunLeavesTheSpecLabelsAndAnnotationsOfItsPipelineAndItselfAsApplied() {
    Pipeline pipeline = cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata:
          name: hello
          labels: {app.kubernetes.io/instance: data-pipelines}
          annotations: {argocd.argoproj.io/tracking-id: "data-pipelines:flowline.io/Pipeline:data/hello"}
        spec:
          nodes:
          - {name: work, image: busybox:1.36, command: [sh, -c, "true"]}
        """);
    PipelineRun run = cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata:
          name: hello-1
          labels: {app.kubernetes.io/instance: data-pipelines}
          annotations: {argocd.argoproj.io/hook: PreSync}
        spec:
          pipelineRef: {name: hello}
        """);
    Map<String, Object> pipelineBefore = userOwned(pipeline, pipeline.getSpec());
    Map<String, Object> runBefore = userOwned(run, run.getSpec());

    cluster.awaitJob("hello-1-work-1");
    jobController.succeed("hello-1-work-1", "");
    PipelineRun finished = cluster.awaitRun("hello-1",
        r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    Pipeline summed = cluster.awaitPipeline("hello", p -> {
      assertThat(p.getStatus().getLastRun()).isNotNull();
      assertThat(p.getStatus().getLastRun().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(p.getStatus().getState()).isEqualTo(PipelineState.Idle);
    });

    assertThat(userOwned(finished, finished.getSpec())).isEqualTo(runBefore);
    assertThat(userOwned(summed, summed.getSpec())).isEqualTo(pipelineBefore);
  }
}
