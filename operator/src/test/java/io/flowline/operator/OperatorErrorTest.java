package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An exception that is no API answer is never silent: the run's message and a Warning event say what happened. */
class OperatorErrorTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withoutOperator();

  @Test
  void anUnexpectedErrorIsWrittenToTheRunsMessageAndAWarningEventAndTheRunKeepsItsPhase() {
    PipelineRun run = cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: broken}
        spec:
          pipelineSpec:
            nodes:
            - {name: only, image: busybox:1.36, command: [sh, -c, "true"]}
        """);
    // A started run whose snapshot ConfigMap (its own) holds garbage: reading it throws, not an API error.
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("broken-spec")
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind(run.getKind())
              .withName("broken").withUid(run.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withData(Map.of("pipelineSpec.json.gz.b64", "bm90IGd6aXA=")).build()).create();
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    status.setPipelineSpecRef("broken-spec");
    status.setStartTime("2025-08-22T10:00:00Z");
    run.setStatus(status);
    cluster.client().resource(run).updateStatus();

    cluster.startOperator();

    PipelineRun seen = cluster.awaitRun("broken",
        r -> assertThat(r.getStatus().getMessage()).startsWith("operator error, retrying: "));
    assertThat(seen.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    Awaitility.await("ReconcileError event").atMost(FlowlineCluster.TIMEOUT).untilAsserted(() ->
        assertThat(cluster.eventsAbout("broken")).anySatisfy(event -> {
          assertThat(event.getReason()).isEqualTo("ReconcileError");
          assertThat(event.getType()).isEqualTo("Warning");
        }));
  }
}
