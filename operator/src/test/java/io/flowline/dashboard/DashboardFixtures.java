package io.flowline.dashboard;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Pipelines and runs as the caches hold them, for the dashboard's tests and benchmark. */
public final class DashboardFixtures {
  private DashboardFixtures() {
  }

  /** A Pipeline a -> b -> c with a string param {@code p}. */
  public static Pipeline chain(String namespace, String name) {
    return InMemoryDashboardData.yaml("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: %s, namespace: %s}
        spec:
          params: [{name: p, type: string}]
          nodes:
          - {name: a, image: busybox}
          - {name: b, image: busybox, dependsOn: [a]}
          - {name: c, image: busybox, dependsOn: [b]}
        """.formatted(name, namespace), Pipeline.class);
  }

  /** A run of {@code pipeline} created at {@code created}, with one status entry per given node phase. */
  public static PipelineRun run(String namespace, String name, String pipeline, Instant created, RunPhase phase,
      String... nodeAndPhase) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name)
        .withUid(name + "-uid").withCreationTimestamp(created.toString()).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    PipelineRef ref = new PipelineRef();
    ref.setName(pipeline);
    spec.setPipelineRef(ref);
    run.setSpec(spec);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    status.setStartTime(created.toString());
    List<NodeStatus> nodes = new ArrayList<>();
    for (String entry : nodeAndPhase) {
      String[] parts = entry.split("=");
      NodeStatus node = new NodeStatus(parts[0]);
      node.setPhase(NodePhase.valueOf(parts[1]));
      node.setAttempt(1);
      node.setStartTime(created.toString());
      nodes.add(node);
    }
    status.setNodes(nodes);
    run.setStatus(status);
    return run;
  }
}
