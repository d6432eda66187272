package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A pipeline's workspace: the run's own claim, created once, and what happens when the name is taken. */
class WorkspaceTest {
  private static final String PIPELINE = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: etl}
      spec:
        workspace: {size: 1Gi}
        nodes:
        - {name: extract, image: busybox:1.36, command: [sh, -c, "echo 42 > /workspace/rows"]}
        - {name: load, dependsOn: [extract], image: busybox:1.36, command: [sh, -c, "cat /workspace/rows"]}
      """;

  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withoutOperator();

  private PipelineRun createRun(String name) {
    return cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec: {pipelineRef: {name: etl}}
        """.formatted(name));
  }

  private PersistentVolumeClaim claim(String name) {
    return cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace()).withName(name).get();
  }

  private String claimsPath() {
    return "/api/v1/namespaces/" + cluster.namespace() + "/persistentvolumeclaims";
  }

  @Test
  void theRunCreatesItsOwnClaimOnceAndEveryNodeMountsItOnTheRunsNode() throws InterruptedException {
    cluster.createPipeline(PIPELINE);
    cluster.startOperator();
    PipelineRun created = createRun("etl-1");

    cluster.awaitJob("etl-1-extract-1");
    PersistentVolumeClaim claim = claim("etl-1-ws");
    assertThat(claim).as("claim etl-1-ws").isNotNull();
    assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(claim.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("1Gi"));
    assertThat(claim.getSpec().getStorageClassName()).as("unset: the cluster's default class").isNull();
    OwnerReference owner = claim.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(owner.getBlockOwnerDeletion()).isTrue();
    PodSpec first = cluster.job("etl-1-extract-1").getSpec().getTemplate().getSpec();
    assertThat(first.getAffinity().getNodeAffinity()).as("no pod of the run scheduled yet").isNull();

    cluster.jobController().succeedOn("etl-1-extract-1", "", "worker-2");
    cluster.awaitJob("etl-1-load-1");
    PodSpec second = cluster.job("etl-1-load-1").getSpec().getTemplate().getSpec();
    assertThat(second.getVolumes()).anySatisfy(volume ->
        assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("etl-1-ws"));
    assertThat(second.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
        .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues()).containsExactly("worker-2");
    cluster.jobController().succeed("etl-1-load-1", "");

    PipelineRun done = cluster.awaitRun("etl-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(done.getStatus().getWorkspaceNode()).isEqualTo("worker-2");
    List<String> claimCalls = cluster.operatorRequests().stream()
        .filter(request -> request.contains("/persistentvolumeclaims")).toList();
    assertThat(claimCalls).as("the operator's claim requests").containsExactly("POST " + claimsPath());
  }

  @Test
  void aClaimOfTheSameNameTheRunDoesNotOwnFailsTheRunAndIsLeftAlone() {
    cluster.createPipeline(PIPELINE);
    cluster.client().persistentVolumeClaims().inNamespace(cluster.namespace()).resource(
        new PersistentVolumeClaimBuilder().withNewMetadata().withName("etl-2-ws").endMetadata()
            .withNewSpec().withAccessModes("ReadWriteOnce").withNewResources()
            .addToRequests("storage", new Quantity("5Gi")).endResources().endSpec()
            .build()).create();
    cluster.startOperator();
    createRun("etl-2");

    PipelineRun done = cluster.awaitRun("etl-2",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(done.getStatus().getMessage()).isEqualTo("workspace: PersistentVolumeClaim etl-2-ws already exists "
        + "and is not owned by this run; it was left untouched (rename or delete it, then re-create the run)");
    assertThat(cluster.jobsOf("etl-2")).isEmpty();
    PersistentVolumeClaim untouched = claim("etl-2-ws");
    assertThat(untouched.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(untouched.getSpec().getResources().getRequests()).containsEntry("storage", new Quantity("5Gi"));
  }

  @Test
  void aClaimCreateRejectedByTheApiServerFailsTheRunWithItsMessage() {
    cluster.createPipeline(PIPELINE);
    cluster.server().expect().post().withPath(claimsPath()).andReturn(403, new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("persistentvolumeclaims \"etl-3-ws\" is forbidden: exceeded quota: "
            + "no-storage").build()).once();
    cluster.startOperator();
    createRun("etl-3");

    PipelineRun done = cluster.awaitRun("etl-3",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(done.getStatus().getMessage()).startsWith("creating the workspace PersistentVolumeClaim etl-3-ws was "
        + "rejected: ").contains("exceeded quota: no-storage");
    assertThat(cluster.jobsOf("etl-3")).isEmpty();
  }

  @Test
  void aServerErrorOnTheClaimIsRetriedAndTheRunGoesOn() {
    cluster.createPipeline(PIPELINE);
    cluster.server().expect().post().withPath(claimsPath()).andReturn(500, new StatusBuilder().withCode(500)
        .withMessage("etcdserver: request timed out").build()).once();
    cluster.startOperator();
    createRun("etl-4");

    cluster.awaitJob("etl-4-extract-1");
    assertThat(claim("etl-4-ws")).as("claim etl-4-ws").isNotNull();
  }
}
