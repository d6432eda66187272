package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.api.WorkspaceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The volumes, mounts and placement JobFactory gives a node's pod. */
class PodVolumesTest {
  private static PodSpec podOf(PipelineSpec spec, NodeSpec node, String workspaceNode) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("etl-1").withNamespace("ns").withUid("uid-1").build());
    return new JobFactory().build(run, spec, node, 1, "etl-1-" + node.getName() + "-1", Map.of(), workspaceNode)
        .getSpec().getTemplate().getSpec();
  }

  private static NodeSpec node(String name, VolumeMount... mounts) {
    NodeSpec node = new NodeSpec();
    node.setName(name);
    node.setImage("busybox:1.36");
    node.setVolumeMounts(new ArrayList<>(List.of(mounts)));
    return node;
  }

  private static PipelineSpec spec(WorkspaceSpec workspace, Volume... volumes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setWorkspace(workspace);
    spec.setVolumes(new ArrayList<>(List.of(volumes)));
    return spec;
  }

  private static Volume configMap(String name) {
    return new VolumeBuilder().withName(name).withNewConfigMap().withName("etl-config").endConfigMap().build();
  }

  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }

  @Test
  void withoutWorkspaceOrVolumesThePodHasNoneAndGoesAnywhere() {
    PodSpec pod = podOf(spec(null), node("a"), null);

    assertThat(pod.getVolumes()).isEmpty();
    assertThat(pod.getContainers().get(0).getVolumeMounts()).isEmpty();
    assertThat(pod.getAffinity()).isNull();
  }

  @Test
  void aNodeGetsTheDeclaredVolumesItMountsOnly() {
    PipelineSpec spec = spec(null, configMap("cfg"), configMap("other"));

    PodSpec mounting = podOf(spec, node("a", mount("cfg", "/etc/etl")), null);
    PodSpec plain = podOf(spec, node("b"), null);

    assertThat(mounting.getVolumes()).containsExactly(configMap("cfg"));
    assertThat(mounting.getContainers().get(0).getVolumeMounts()).containsExactly(mount("cfg", "/etc/etl"));
    assertThat(plain.getVolumes()).isEmpty();
  }

  @Test
  void theWorkspaceClaimIsMountedAtWorkspaceInEveryNode() {
    PipelineSpec spec = spec(new WorkspaceSpec("1Gi"), configMap("cfg"));

    for (NodeSpec node : List.of(node("a"), node("b", mount("cfg", "/etc/etl")))) {
      PodSpec pod = podOf(spec, node, null);

      assertThat(pod.getVolumes()).filteredOn(volume -> volume.getName().equals("workspace")).singleElement()
          .satisfies(volume -> assertThat(volume.getPersistentVolumeClaim().getClaimName()).isEqualTo("etl-1-ws"));
      assertThat(pod.getContainers().get(0).getVolumeMounts()).contains(mount("workspace", "/workspace"));
    }
  }

  @Test
  void aReadWriteOnceWorkspaceKeepsConcurrentPodsOfTheRunOnOneHost() {
    PodSpec pod = podOf(spec(new WorkspaceSpec("1Gi")), node("a"), null);

    List<PodAffinityTerm> terms = pod.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    assertThat(terms).singleElement().satisfies(term -> {
      assertThat(term.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
      assertThat(term.getLabelSelector().getMatchLabels()).containsExactly(Map.entry(FlowlineLabels.RUN, "etl-1"));
    });
    assertThat(pod.getAffinity().getNodeAffinity()).as("no node known yet").isNull();
    // The pod carries the label it selects, so the first pod of the run matches its own term and may go anywhere.
    assertThat(podTemplateLabels(spec(new WorkspaceSpec("1Gi")), node("a"))).containsEntry(FlowlineLabels.RUN, "etl-1");
  }

  @Test
  void onceTheRunsNodeIsKnownEveryNewPodIsBoundToIt() {
    PodSpec pod = podOf(spec(new WorkspaceSpec("1Gi")), node("b"), "worker-2");

    List<NodeSelectorRequirement> fields = pod.getAffinity().getNodeAffinity()
        .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0).getMatchFields();
    assertThat(fields).singleElement().satisfies(field -> {
      assertThat(field.getKey()).isEqualTo("metadata.name");
      assertThat(field.getOperator()).isEqualTo("In");
      assertThat(field.getValues()).containsExactly("worker-2");
    });
    assertThat(pod.getAffinity().getPodAffinity()).isNotNull();
  }

  @Test
  void aReadWriteManyWorkspaceLetsPodsGoAnywhere() {
    WorkspaceSpec shared = new WorkspaceSpec("1Gi");
    shared.setAccessModes(List.of("ReadWriteMany"));

    PodSpec pod = podOf(spec(shared), node("a"), "worker-2");

    assertThat(pod.getAffinity()).isNull();
    assertThat(pod.getContainers().get(0).getVolumeMounts()).contains(mount("workspace", "/workspace"));
  }

  private static Map<String, String> podTemplateLabels(PipelineSpec spec, NodeSpec node) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("etl-1").withNamespace("ns").withUid("uid-1").build());
    return new JobFactory().build(run, spec, node, 1, "etl-1-a-1", Map.of(), null).getSpec().getTemplate()
        .getMetadata().getLabels();
  }
}
