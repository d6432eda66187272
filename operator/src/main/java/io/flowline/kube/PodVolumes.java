package io.flowline.kube;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.WorkspaceSpec;
import io.flowline.engine.JobNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The volumes, mounts and placement of one node's pod: the declared volumes the node mounts, and with a workspace
 * the run's claim at /workspace; a single-node (ReadWriteOnce) workspace keeps the run's pods on one Kubernetes node.
 */
record PodVolumes(List<Volume> volumes, List<VolumeMount> mounts, Affinity affinity) {
  static final String HOSTNAME_TOPOLOGY = "kubernetes.io/hostname";
  /** The node's own name: unlike the hostname label, a field every node has and no one can set differently. */
  static final String NODE_NAME_FIELD = "metadata.name";

  /**
   * @param workspaceNode the Kubernetes node the run's pods are kept on (status.workspaceNode), or null while no
   *     pod of the run has been scheduled
   */
  static PodVolumes of(String runName, PipelineSpec spec, NodeSpec node, String workspaceNode) {
    List<VolumeMount> mounts = new ArrayList<>(node.getVolumeMounts());
    Set<String> mounted = mounts.stream().map(VolumeMount::getName).collect(Collectors.toSet());
    // Only the volumes this node mounts: a missing Secret of another node's volume must not hold this pod back.
    List<Volume> volumes = new ArrayList<>(spec.getVolumes().stream()
        .filter(volume -> mounted.contains(volume.getName())).toList());
    WorkspaceSpec workspace = spec.getWorkspace();
    if (workspace == null) {
      return new PodVolumes(volumes, mounts, null);
    }
    volumes.add(new VolumeBuilder().withName(WorkspaceSpec.VOLUME_NAME)
        .withNewPersistentVolumeClaim().withClaimName(WorkspaceClaims.claimName(runName)).endPersistentVolumeClaim()
        .build());
    mounts.add(new VolumeMountBuilder().withName(WorkspaceSpec.VOLUME_NAME).withMountPath(WorkspaceSpec.MOUNT_PATH)
        .build());
    return new PodVolumes(volumes, mounts, workspace.singleNode() ? oneNode(runName, workspaceNode) : null);
  }

  /**
   * Pods of the run that run at the same time share a node (the first one matches its own term, so it may go
   * anywhere); once the run's node is known, every later pod is bound to it, so a finished predecessor, whose pod
   * the scheduler no longer counts, still holds the run there.
   */
  private static Affinity oneNode(String runName, String workspaceNode) {
    AffinityBuilder affinity = new AffinityBuilder()
        .withNewPodAffinity()
          .withRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder()
              .withTopologyKey(HOSTNAME_TOPOLOGY)
              .withNewLabelSelector().addToMatchLabels(FlowlineLabels.RUN, JobNames.labelValue(runName))
              .endLabelSelector()
              .build())
        .endPodAffinity();
    if (workspaceNode != null && !workspaceNode.isEmpty()) {
      affinity.withNewNodeAffinity()
          .withNewRequiredDuringSchedulingIgnoredDuringExecution()
            .withNodeSelectorTerms(new NodeSelectorTermBuilder()
                .addNewMatchField().withKey(NODE_NAME_FIELD).withOperator("In").withValues(workspaceNode).endMatchField()
                .build())
          .endRequiredDuringSchedulingIgnoredDuringExecution()
          .endNodeAffinity();
    }
    return affinity.build();
  }
}
