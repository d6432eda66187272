package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.flowline.api.PipelineRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A snapshot too large for status goes into a ConfigMap owned by the run, and the run executes from it. */
class LargeSnapshotTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();

  @Test
  void aSnapshotOver256KiBIsKeptInAConfigMapAndTheRunStillExecutes() {
    // One node whose args carry ~300 KiB: over the inline limit, under etcd's.
    String bulk = "x".repeat(300 * 1024);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: big-1}
        spec:
          pipelineSpec:
            nodes:
            - {name: only, image: busybox:1.36, command: [sh, -c, "true"], args: ["%s"]}
        """.formatted(bulk));

    PipelineRun started = cluster.awaitRun("big-1",
        run -> assertThat(run.getStatus().getPipelineSpecRef()).isEqualTo("big-1-spec"));
    assertThat(started.getStatus().getPipelineSpec()).isNull();
    ConfigMap snapshot = cluster.client().configMaps().inNamespace(cluster.namespace()).withName("big-1-spec").get();
    assertThat(snapshot.getMetadata().getOwnerReferences())
        .anySatisfy(owner -> assertThat(owner.getUid()).isEqualTo(started.getMetadata().getUid()));

    cluster.awaitJob("big-1-only-1");
    cluster.jobController().succeed("big-1-only-1", "");

    PipelineRun done = cluster.awaitRun("big-1",
        run -> assertThat(run.getStatus().getPhase()).hasToString("Succeeded"));
    assertThat(done.getStatus().getProgress()).isEqualTo("1/1");
  }
}
