package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.flowline.api.RunPhase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The operator's meters after a run: Flowline's own, counted once, and JOSDK's reconciliation meters. */
class MetricsTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void aSucceededRunIsCountedOnceWithItsNodeDurationAndJosdkMetersAppear() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: etl}
        spec:
          nodes:
          - name: a
            image: busybox:1.36
            command: [sh, -c]
            args: ["true"]
        """);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: etl-1}
        spec:
          pipelineRef: {name: etl}
        """);
    cluster.awaitJob("etl-1-a-1");
    MeterRegistry registry = cluster.meterRegistry();
    await().atMost(FlowlineCluster.TIMEOUT).untilAsserted(() -> assertThat(
        registry.get("flowline.runs.active").gauge().value()).isEqualTo(1));

    jobController.succeed("etl-1-a-1", "");
    cluster.awaitRun("etl-1", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));

    // The count follows the status write the test just saw, on the operator's thread.
    await().atMost(FlowlineCluster.TIMEOUT).untilAsserted(() -> {
      assertThat(registry.get("flowline.runs.finished").tags("namespace", cluster.namespace(), "pipeline", "etl",
          "phase", "Succeeded").counter().count()).isEqualTo(1);
      assertThat(registry.get("flowline.node.duration").tags("pipeline", "etl", "phase", "Succeeded").timer()
          .count()).isEqualTo(1);
      assertThat(registry.get("flowline.runs.active").gauge().value()).isZero();
    });
    assertThat(registry.get("flowline.runs.started").tags("namespace", cluster.namespace(), "pipeline", "etl")
        .counter().count()).isEqualTo(1);
    assertThat(registry.get("flowline.run.duration").tag("phase", "Succeeded").timer().count()).isEqualTo(1);
    assertThat(registry.get("flowline.runs.queued").gauge().value()).isZero();

    assertThat(registry.get("operator.sdk.reconciliations.success").tag("kind", "PipelineRun").counter().count())
        .isPositive();
    assertThat(registry.get("operator.sdk.controllers.execution.reconcile").tag("controller", "pipelinerunreconciler")
        .timer().count()).isPositive();
    assertThat(cluster.meterRegistry().scrape()).as("no per-run series")
        .doesNotContain("name=\"etl-1\"").doesNotContain("etl-1");
  }
}
