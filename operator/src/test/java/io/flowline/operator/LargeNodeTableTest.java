package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.dashboard.CachedDashboardData;
import io.flowline.dashboard.DashboardData;
import io.flowline.kube.NodeTableStore;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node table past the inline budget moves its finished entries into ConfigMaps; no result is lost. */
class LargeNodeTableTest {
  private static final int NODES = 250;
  private static final String ROWS = "r".repeat(1000);

  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void finishedEntriesMoveToConfigMapsOwnedByTheRunAndEveryOutputIsKeptAndTheDashboardReadsThemAll()
      throws IOException {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      nodes.append("    - {name: n-").append(i).append(", image: busybox:1.36, command: [sh, -c, \"true\"], ")
          .append("outputs: [rows]}\n");
    }
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: wide}
        spec:
          pipelineSpec:
            nodes:
        %s""".formatted(nodes));
    for (int i = 0; i < NODES; i++) {
      String job = "wide-n-" + i + "-1";
      cluster.awaitJob(job);
      jobController.succeed(job, "rows=" + i + ROWS);
    }

    PipelineRun done = cluster.awaitRun("wide",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(done.getStatus().getNodesRef()).isNotEmpty();
    assertThat(done.getStatus().getNodeCounts()).containsEntry("Succeeded", NODES);
    assertThat(Serialization.asJson(done).length()).isLessThan(256 * 1024);

    Map<String, NodeStatus> table = new HashMap<>();
    done.getStatus().getNodes().forEach(node -> assertThat(table.put(node.getName(), node)).isNull());
    for (String name : done.getStatus().getNodesRef()) {
      ConfigMap chunk = cluster.client().configMaps().inNamespace(cluster.namespace()).withName(name).get();
      assertThat(chunk.getMetadata().getOwnerReferences()).singleElement()
          .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(done.getMetadata().getUid()));
      for (NodeStatus node : read(chunk)) {
        assertThat(table.put(node.getName(), node)).as("node %s listed once", node.getName()).isNull();
      }
    }
    assertThat(table).hasSize(NODES);
    for (int i = 0; i < NODES; i++) {
      NodeStatus node = table.get("n-" + i);
      assertThat(node.getPhase()).isEqualTo(NodePhase.Succeeded);
      assertThat(node.getOutputs()).containsEntry("rows", i + ROWS);
    }

    // The dashboard reads the same run from the operator's caches, and the offloaded entries with it.
    DashboardData dashboard = new CachedDashboardData(cluster.runReconciler()::caches, () -> true,
        cluster.operatorClient());
    await().atMost(FlowlineCluster.TIMEOUT).untilAsserted(() -> assertThat(dashboard.run(cluster.namespace(), "wide"))
        .hasValueSatisfying(run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded)));
    PipelineRun cached = dashboard.run(cluster.namespace(), "wide").orElseThrow();
    assertThat(dashboard.runs(cluster.namespace())).extracting(run -> run.getMetadata().getName()).contains("wide");
    assertThat(dashboard.specOf(cached)).hasValueSatisfying(spec -> assertThat(spec.getNodes()).hasSize(NODES));
    List<NodeStatus> shown = dashboard.nodes(cached);
    assertThat(shown).hasSize(NODES).allSatisfy(node -> assertThat(node.getPhase()).isEqualTo(NodePhase.Succeeded));
    assertThat(shown).filteredOn(node -> node.getName().equals("n-7")).singleElement()
        .satisfies(node -> assertThat(node.getOutputs()).containsEntry("rows", 7 + ROWS));
  }

  @Test
  void retryRunsAgainFailedEntriesThatHadMovedToConfigMapsAndTheirNewResultsWin() {
    StringBuilder nodes = new StringBuilder();
    for (int i = 0; i < NODES; i++) {
      nodes.append("    - {name: n-").append(i).append(", image: busybox:1.36, command: [sh, -c, \"true\"]}\n");
    }
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: wide-failed}
        spec:
          pipelineSpec:
            nodes:
        %s""".formatted(nodes));
    // Every node fails with a long message: Failed entries are all there is to move out.
    for (int i = 0; i < NODES; i++) {
      String job = "wide-failed-n-" + i + "-1";
      cluster.awaitJob(job);
      jobController.fail(job, 3, "m".repeat(1000));
    }
    PipelineRun failed = cluster.awaitRun("wide-failed",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(failed.getStatus().getNodesRef()).as("failed entries moved out").isNotEmpty();

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("wide-failed")
        .edit(edited -> {
          edited.getSpec().setRetry(1);
          return edited;
        });
    for (int i = 0; i < NODES; i++) {
      String job = "wide-failed-n-" + i + "-2";
      cluster.awaitJob(job);
      jobController.succeed(job, null);
    }

    PipelineRun done = cluster.awaitRun("wide-failed",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(done.getStatus().getProgress()).isEqualTo(NODES + "/" + NODES);
    assertThat(done.getStatus().getNodeCounts()).containsEntry("Succeeded", NODES);
  }

  private static List<NodeStatus> read(ConfigMap chunk) throws IOException {
    byte[] gz = Base64.getDecoder().decode(chunk.getData().get(NodeTableStore.DATA_KEY));
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      NodeStatus[] entries = Serialization.unmarshal(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          NodeStatus[].class);
      return new ArrayList<>(List.of(entries));
    }
  }
}
