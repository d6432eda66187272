package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.OwnedObjects;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** spec.rerunOf: a new run takes over the source's succeeded nodes and runs only the rest; bad sources fail it. */
class RerunTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @BeforeEach
  void chainPipeline() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: chain}
        spec:
          params: [{name: tag, type: string, default: old}]
          nodes:
          - {name: a, image: "busybox:1.36", outputs: [rows], command: [sh, -c, "true"]}
          - {name: b, dependsOn: [a], image: "busybox:1.36", outputs: [val],
             command: [sh, -c, "echo tag=$(params.tag) rows=$(nodes.a.outputs.rows)"]}
          - {name: c, dependsOn: [b], image: "busybox:1.36", command: [sh, -c, "echo got $(nodes.b.outputs.val)"]}
        """);
  }

  @Test
  void aRerunCopiesTheNodesUpstreamOfFromNodesAndCreatesJobsOnlyForTheRest() {
    cluster.createRun(run("first", "chain", "", ""));
    finish("first-a-1", "rows=42");
    finish("first-b-1", "val=old");
    finish("first-c-1", "");
    cluster.awaitRun("first", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));

    cluster.createRun(run("second", "chain", "rerunOf: {name: first, fromNodes: [b]}",
        "params: [{name: tag, value: new}]"));
    Job b = cluster.awaitJob("second-b-1");
    assertThat(command(b)).as("new params, and the copied output of a").contains("tag=new rows=42");
    PipelineRun started = cluster.awaitRun("second",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running));
    NodeStatus a = FlowlineCluster.node(started, "a");
    assertThat(a.getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(a.getJob()).isEqualTo("first-a-1");
    assertThat(a.getMessage()).isEqualTo("copied from run first");
    assertThat(a.getOutputs()).containsEntry("rows", "42");
    assertThat(cluster.eventsAbout("second")).extracting(Event::getReason).contains("Rerun")
        .doesNotContain("NotImplemented");
    assertThat(cluster.eventsAbout("second")).filteredOn(event -> "Rerun".equals(event.getReason()))
        .extracting(Event::getMessage)
        .containsExactly("rerun of first: copied 1 succeeded node(s), running again: b, c");

    finish("second-b-1", "val=new");
    assertThat(command(cluster.awaitJob("second-c-1"))).as("c sees b's new output").contains("got new");
    finish("second-c-1", "");
    PipelineRun done = cluster.awaitRun("second",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(done.getStatus().getProgress()).isEqualTo("3/3");
    assertThat(cluster.jobNamesOf("second")).containsExactly("second-b-1", "second-c-1");
  }

  @Test
  void aMissingSourceFailsTheRunWithRerunSourceNotFound() {
    cluster.createRun(run("orphan", "chain", "rerunOf: {name: nowhere}", ""));

    PipelineRun failed = awaitFailed("orphan");
    assertThat(reason(failed)).isEqualTo("RerunSourceNotFound");
    assertThat(failed.getStatus().getMessage()).isEqualTo(
        "spec.rerunOf.name: run nowhere not found in namespace " + cluster.namespace());
    assertThat(cluster.jobNamesOf("orphan")).isEmpty();
  }

  @Test
  void aRunOfAnotherPipelineIsRefusedWithRerunSourceInvalid() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: other}
        spec:
          nodes:
          - {name: a, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);
    cluster.createRun(run("theirs", "other", "", ""));
    finish("theirs-a-1", "");
    cluster.awaitRun("theirs", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));

    cluster.createRun(run("crossed", "chain", "rerunOf: {name: theirs}", ""));

    PipelineRun failed = awaitFailed("crossed");
    assertThat(reason(failed)).isEqualTo("RerunSourceInvalid");
    assertThat(failed.getStatus().getMessage())
        .isEqualTo("spec.rerunOf.name: run theirs is a run of pipeline other, not of chain");
    assertThat(failed.getStatus().getStartTime()).as("it never started").isNull();
    assertThat(cluster.jobNamesOf("crossed")).isEmpty();
  }

  @Test
  void aSourceStillRunningOrAnUnknownFromNodeIsRefusedWithRerunSourceInvalid() {
    cluster.createRun(run("busy", "chain", "", ""));
    cluster.awaitJob("busy-a-1");

    cluster.createRun(run("too-soon", "chain", "rerunOf: {name: busy}", ""));
    cluster.createRun(run("typo", "chain", "rerunOf: {name: busy, fromNodes: [load]}", ""));

    PipelineRun tooSoon = awaitFailed("too-soon");
    assertThat(reason(tooSoon)).isEqualTo("RerunSourceInvalid");
    assertThat(tooSoon.getStatus().getMessage()).contains("run busy is still Running; rerun a finished run");
    PipelineRun typo = awaitFailed("typo");
    assertThat(reason(typo)).isEqualTo("RerunSourceInvalid");
    assertThat(typo.getStatus().getMessage())
        .isEqualTo("spec.rerunOf.fromNodes: node load is not in pipeline chain");
    assertThat(cluster.jobNamesOf("too-soon")).isEmpty();
    assertThat(cluster.jobNamesOf("typo")).isEmpty();
  }

  @Test
  void aSourceWhoseFinishedEntriesLiveInConfigMapsIsReadWhole() throws IOException {
    // A finished run as a big one leaves it: a and b in a node table chunk, c inline.
    cluster.createRun(run("big", "chain", "state: Cancelled", ""));
    cluster.awaitRun("big", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled));
    PipelineRun big = cluster.run("big");
    cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("big-nodes-0").withOwnerReferences(OwnedObjects.controllerReference(big))
        .endMetadata()
        .withData(Map.of(NodeTableStore.DATA_KEY, gzipBase64(Serialization.asJson(List.of(
            succeeded("a", Map.of("rows", "42")), succeeded("b", Map.of("val", "old")))))))
        .build()).create();
    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("big")
        .editStatus(edited -> {
          edited.getStatus().setPhase(RunPhase.Succeeded);
          edited.getStatus().setPipelineSpec(cluster.pipeline("chain").getSpec());
          edited.getStatus().setNodesRef(List.of("big-nodes-0"));
          edited.getStatus().setNodes(List.of(succeeded("c", Map.of())));
          return edited;
        });

    cluster.createRun(run("from-big", "chain", "rerunOf: {name: big, fromNodes: [c]}", ""));

    assertThat(command(cluster.awaitJob("from-big-c-1"))).contains("got old");
    PipelineRun started = cluster.awaitRun("from-big",
        run -> assertThat(FlowlineCluster.node(run, "b").getMessage()).isEqualTo("copied from run big"));
    assertThat(FlowlineCluster.node(started, "a").getOutputs()).containsEntry("rows", "42");
    assertThat(cluster.jobNamesOf("from-big")).containsExactly("from-big-c-1");
  }

  /** Waits for the Job (created by the operator) and ends it successfully with {@code outputs}. */
  private void finish(String job, String outputs) {
    cluster.awaitJob(job);
    jobController.succeed(job, outputs);
  }

  private PipelineRun awaitFailed(String name) {
    return cluster.awaitRun(name, run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
  }

  private static String command(Job job) {
    List<String> command = job.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
    return String.join(" ", command);
  }

  private static String reason(PipelineRun run) {
    return run.getStatus().getConditions().stream().filter(condition -> "Succeeded".equals(condition.getType()))
        .findFirst().orElseThrow().getReason();
  }

  private static NodeStatus succeeded(String name, Map<String, String> outputs) {
    NodeStatus node = new NodeStatus(name);
    node.setPhase(NodePhase.Succeeded);
    node.setAttempt(1);
    node.setOutputs(outputs);
    return node;
  }

  private static String gzipBase64(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  private static String run(String name, String pipeline, String rerunOf, String params) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
          %s
          %s
        """.formatted(name, pipeline, rerunOf, params);
  }
}
