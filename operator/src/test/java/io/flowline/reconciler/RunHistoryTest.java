package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.engine.PlannedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class RunHistoryTest {
  KubernetesClient client;

  @Test
  void aRunThatAnEarlierPruneAlreadyDeletedGetsNoSecondRunDeletedEvent() {
    Pipeline pipeline = client.getKubernetesSerialization().unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: kept, namespace: ns}
        spec:
          history: {succeeded: 1}
          nodes: [{name: work, image: "busybox:1.36", command: [sh, -c, "true"]}]
        """, Pipeline.class);
    List<PipelineRun> cached = List.of(succeededRun("older", "2025-01-01T00:00:00Z"),
        succeededRun("newer", "2025-01-01T00:01:00Z"));
    cached.forEach(run -> client.resource(run).create());
    RunHistory history = new RunHistory(client);

    assertThat(history.prune(pipeline, List.of("older"))).extracting(PlannedEvent::message)
        .singleElement().asString().startsWith("deleted run older:");
    assertThat(client.resources(PipelineRun.class).inNamespace("ns").withName("older").get()).isNull();
    // The next change of a run reconciles the Pipeline again before the informer has seen the deletion.
    assertThat(history.prune(pipeline, List.of("older"))).as("events for a run deleted earlier").isEmpty();
  }

  private PipelineRun succeededRun(String name, String completionTime) {
    return client.getKubernetesSerialization().unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s, namespace: ns, creationTimestamp: "2025-01-01T00:00:00Z"}
        spec:
          pipelineRef: {name: kept}
        status:
          phase: Succeeded
          completionTime: "%s"
        """.formatted(name, completionTime), PipelineRun.class);
  }
}
