package io.flowline.operator;

import static io.flowline.operator.FlowlineCluster.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run from start to end, and the Jobs it creates. */
class RunLifecycleTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void twoNodeDagPassesOutputsDownstreamAndSucceeds() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: etl}
        spec:
          nodes:
          - name: a
            image: busybox:1.36
            command: [sh, -c]
            args: ["echo rows=42 > /dev/termination-log"]
            outputs: [rows]
          - name: b
            dependsOn: [a]
            image: busybox:1.36
            command: [sh, -c]
            args: ["echo loading $(nodes.a.outputs.rows) rows"]
        """);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: etl-1}
        spec:
          pipelineRef: {name: etl}
        """);

    cluster.awaitJob("etl-1-a-1");
    cluster.awaitRun("etl-1", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running);
      assertThat(node(run, "a").getPhase()).isEqualTo(NodePhase.Running);
    });
    assertThat(cluster.jobNamesOf("etl-1")).as("only the root runs before it finished").containsExactly("etl-1-a-1");

    jobController.succeed("etl-1-a-1", "rows=42\n");

    Job b = cluster.awaitJob("etl-1-b-1");
    assertThat(b.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())
        .containsExactly("echo loading 42 rows");

    jobController.succeed("etl-1-b-1", "");

    PipelineRun run = cluster.awaitRun("etl-1",
        r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(run.getStatus().getConditions()).singleElement().satisfies(condition -> {
      assertThat(condition.getType()).isEqualTo("Succeeded");
      assertThat(condition.getStatus()).isEqualTo("True");
      assertThat(condition.getReason()).isEqualTo("Succeeded");
    });
    assertThat(run.getStatus().getProgress()).isEqualTo("2/2");
    assertThat(run.getStatus().getCompletionTime()).isNotNull();
    assertThat(node(run, "a").getOutputs()).isEqualTo(Map.of("rows", "42"));
    assertThat(node(run, "b").getPhase()).isEqualTo(NodePhase.Succeeded);

    cluster.awaitPipeline("etl", pipeline -> {
      assertThat(pipeline.getStatus().getLastRun()).isNotNull();
      assertThat(pipeline.getStatus().getLastRun().getName()).isEqualTo("etl-1");
      assertThat(pipeline.getStatus().getLastRun().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Idle);
      assertThat(pipeline.getStatus().getStateCode()).isZero();
    });
  }

  @Test
  void jobHasTheContractShape() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: shape}
        spec:
          params:
          - {name: date, type: date, required: true}
          - {name: mode, type: string, default: full}
          nodes:
          - name: extract
            image: busybox:1.36
            command: [sh, -c, "echo mode $(params.mode)"]
            args: ["day $(params.date) batch $(params.batchSize) run $(run.name) attempt $(node.attempt)"]
            env:
            - {name: MODE, value: "$(params.mode)"}
            - {name: KUBELET_OWN, value: "$(HOME)"}
            params: [{name: batchSize, type: integer, default: "500"}]
            timeout: 90s
        """);
    PipelineRun created = cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: shape-1}
        spec:
          pipelineRef: {name: shape}
          params: [{name: date, value: "2025-08-22"}]
          nodeParams: [{node: extract, params: [{name: batchSize, value: "1000"}]}]
        """);

    Job job = cluster.awaitJob("shape-1-extract-1");

    assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies((OwnerReference owner) -> {
      assertThat(owner.getController()).isTrue();
      assertThat(owner.getUid()).isEqualTo(created.getMetadata().getUid());
      assertThat(owner.getKind()).isEqualTo("PipelineRun");
      assertThat(owner.getApiVersion()).isEqualTo("flowline.io/v1alpha1");
      assertThat(owner.getName()).isEqualTo("shape-1");
    });
    Map<String, String> labels = Map.of("flowline.io/pipeline", "shape", "flowline.io/run", "shape-1",
        "flowline.io/node", "extract", "flowline.io/attempt", "1");
    assertThat(job.getMetadata().getLabels()).containsAllEntriesOf(labels);
    assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(labels);
    assertThat(job.getSpec().getBackoffLimit()).isZero();
    assertThat(job.getSpec().getCompletions()).isEqualTo(1);
    assertThat(job.getSpec().getParallelism()).isEqualTo(1);
    assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(90L);
    assertThat(job.getSpec().getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");

    Container main = job.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(main.getName()).isEqualTo("main");
    assertThat(main.getImage()).isEqualTo("busybox:1.36");
    assertThat(main.getTerminationMessagePolicy()).isEqualTo("FallbackToLogsOnError");
    assertThat(main.getCommand()).containsExactly("sh", "-c", "echo mode full");
    assertThat(main.getArgs()).containsExactly("day 2025-08-22 batch 1000 run shape-1 attempt 1");
    assertThat(main.getEnv()).extracting(EnvVar::getName, EnvVar::getValue).containsExactly(
        org.assertj.core.groups.Tuple.tuple("MODE", "full"),
        org.assertj.core.groups.Tuple.tuple("KUBELET_OWN", "$(HOME)"));
  }
}
