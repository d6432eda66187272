package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.workspace and spec.volumes on real pods: files written to /workspace by one node are there for the next
 * one, retries included, on the run's own claim; a ConfigMap volume is read where a node mounts it.
 */
class WorkspaceIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Duration CLAIM_DELETION = Duration.ofSeconds(90);

  private final Runs runs = new Runs(env);

  private PersistentVolumeClaim claim(String name) {
    return env.client().persistentVolumeClaims().inNamespace(env.namespace()).withName(name).get();
  }

  @Test
  void aFileOneNodeWritesToTheWorkspaceIsReadByTheNextOnTheRunsOwnClaim() {
    LocalVolumes.provideWorkspace(env, "handoff", "16Mi");
    // check fails its first attempt after leaving a mark: the retry sees the mark, so it ran on the same volume.
    PipelineRun created = runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: handoff}
        spec:
          pipelineSpec:
            workspace: {size: 16Mi}
            nodes:
            - {name: write, image: "busybox:1.36",
               command: [sh, -c, "echo written-by-$(node.name)-$(run.uid) > /workspace/greeting"]}
            - {name: check, dependsOn: [write], image: "busybox:1.36", retry: {limit: 1},
               command: [sh, -c, "test -f /workspace/mark || { touch /workspace/mark; exit 1; }"]}
            - {name: read, dependsOn: [check], image: "busybox:1.36", outputs: [seen],
               command: [sh, -c, "cat /workspace/greeting; echo seen=`cat /workspace/greeting` > /dev/termination-log"]}
        """);
    String uid = created.getMetadata().getUid();

    PipelineRun run = runs.awaitFinished("handoff");

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(run, "read").getOutputs()).containsEntry("seen", "written-by-write-" + uid);
    assertThat(env.kubectl("logs", "job/handoff-read-1")).contains("written-by-write-" + uid);
    NodeStatus check = runs.node(run, "check");
    assertThat(check.getAttempt()).as("check's second attempt found the mark of its first").isEqualTo(2);

    PersistentVolumeClaim claim = claim("handoff-ws");
    assertThat(claim).as("claim handoff-ws").isNotNull();
    assertThat(claim.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
      assertThat(owner.getUid()).isEqualTo(uid);
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getBlockOwnerDeletion()).isTrue();
    });
    List<Pod> pods = runs.pods("handoff");
    assertThat(pods).as("pods of handoff").hasSize(4)
        .allSatisfy(pod -> assertThat(pod.getSpec().getNodeName()).isEqualTo(run.getStatus().getWorkspaceNode()));

    env.client().resource(run).delete();
    env.await("claim handoff-ws to go with its run").atMost(CLAIM_DELETION)
        .until(() -> claim("handoff-ws") == null);
  }

  @Test
  void aConfigMapVolumeIsReadWhereANodeMountsIt() {
    env.client().configMaps().inNamespace(env.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("etl-config").endMetadata()
        .withData(Map.of("table", "orders"))
        .build()).create();
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: configured}
        spec:
          pipelineSpec:
            volumes:
            - {name: cfg, configMap: {name: etl-config}}
            nodes:
            - {name: load, image: "busybox:1.36", outputs: [table],
               volumeMounts: [{name: cfg, mountPath: /etc/etl, readOnly: true}],
               command: [sh, -c, "echo table=`cat /etc/etl/table` > /dev/termination-log"]}
        """);

    PipelineRun run = runs.awaitFinished("configured");

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(run, "load").getOutputs()).containsEntry("table", "orders");
  }

  @Test
  void aMountOfAnUndeclaredVolumeFailsTheRunBeforeAnyJob() {
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: undeclared}
        spec:
          pipelineSpec:
            nodes:
            - {name: load, image: "busybox:1.36", command: [sh, -c, "true"],
               volumeMounts: [{name: cfg, mountPath: /workspace/cfg}]}
        """);

    PipelineRun run = runs.awaitFinished("undeclared", Duration.ofSeconds(60));

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    assertThat(Conditions.require(run.getStatus().getConditions(), "Succeeded").getReason())
        .isEqualTo("PipelineInvalid");
    assertThat(run.getStatus().getMessage())
        .contains("spec.pipelineSpec.nodes[0].volumeMounts[0].name: unknown volume \"cfg\"")
        .contains("spec.pipelineSpec.nodes[0].volumeMounts[0].mountPath: \"/workspace/cfg\" is reserved");
    assertThat(runs.jobs("undeclared")).isEmpty();
  }
}
