package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.kube.StatusWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every status write is checked against the object limit: what would not fit ends the run, it never loops. */
class StatusSizeGuardTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();

  @Test
  void aStatusThatWouldPushTheObjectOverTheLimitEndsTheRunStatusTooLargeWithinTheLimit() {
    // A 600 KB param value: in the spec once and, resolved, in status again: together over 1 MiB.
    String value = "v".repeat(600 * 1024);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: fat}
        spec:
          params: [{name: blob, value: "%s"}]
          pipelineSpec:
            params: [{name: blob, type: string}]
            nodes:
            - {name: only, image: busybox:1.36, command: [sh, -c, "true"]}
        """.formatted(value));

    PipelineRun done = cluster.awaitRun("fat",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(done.getStatus().getConditions()).anySatisfy(condition ->
        assertThat(condition.getReason()).isEqualTo("StatusTooLarge"));
    assertThat(done.getStatus().getMessage()).contains("over the " + StatusWriter.OBJECT_LIMIT_BYTES);
    assertThat(Serialization.asJson(done).length()).isLessThan(StatusWriter.OBJECT_LIMIT_BYTES);
    assertThat(cluster.jobsOf("fat")).as("the Job created before the failed write is stopped").isEmpty();
  }
}
