package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Pipelines and runs with nodes from a NodeTemplate (templateRef). */
class NodeTemplateTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();

  private static final String TWO_LOADS = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: loads}
      spec:
        nodes:
        - name: orders
          templateRef: {name: loader}
          params: [{name: table, type: string, default: orders}]
        - name: customers
          dependsOn: [orders]
          templateRef: {name: loader}
          params: [{name: table, type: string, default: customers}]
      """;

  @Test
  void aPipelineIsInvalidWhileItsTemplateIsMissingAndReadyOnceItIsCreated() {
    cluster.createPipeline(TWO_LOADS);

    Pipeline invalid = cluster.awaitPipeline("loads",
        pipeline -> assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Invalid));
    assertThat(ready(invalid).getMessage()).isEqualTo(
        "spec.nodes[0].templateRef.name: NodeTemplate \"loader\" not found in namespace \"" + cluster.namespace()
            + "\" (node \"orders\"); spec.nodes[1].templateRef.name: NodeTemplate \"loader\" not found in namespace \""
            + cluster.namespace() + "\" (node \"customers\")");

    createTemplate("busybox:1.36", "echo load $(params.table)");

    Pipeline valid = cluster.awaitPipeline("loads",
        pipeline -> assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Idle));
    assertThat(ready(valid).getStatus()).isEqualTo("True");
    assertThat(valid.getSpec().getNodes()).as("the operator never writes a user's spec")
        .allSatisfy(node -> assertThat(node.getImage()).isNull());
  }

  @Test
  void aTemplateEditRevalidatesThePipelinesUsingItAndDeletingItMakesThemInvalid() {
    createTemplate("busybox:1.36", "echo load $(params.table)");
    cluster.createPipeline(TWO_LOADS);
    cluster.awaitPipeline("loads", pipeline -> assertThat(ready(pipeline).getStatus()).isEqualTo("True"));

    NodeTemplate template = template();
    template.getSpec().setImage("Busybox:1.36");
    NodeTemplate updated = cluster.client().resource(template).update();
    assertThat(updated.getMetadata().getGeneration()).as("a spec edit is a new generation, the event to act on")
        .isGreaterThan(template.getMetadata().getGeneration());

    Pipeline invalid = cluster.awaitPipeline("loads",
        pipeline -> assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Invalid));
    assertThat(ready(invalid).getMessage()).startsWith("spec.nodes[0].image: ")
        .contains("(the node uses NodeTemplate \"loader\")");
    await("an Invalid event about loads").atMost(FlowlineCluster.TIMEOUT).untilAsserted(() ->
        assertThat(cluster.eventsAbout("loads")).as("becoming invalid through its template is announced")
            .extracting(Event::getReason).contains("Invalid"));

    NodeTemplate fixed = template();
    fixed.getSpec().setImage("busybox:1.36");
    cluster.client().resource(fixed).update();
    cluster.awaitPipeline("loads", pipeline -> assertThat(ready(pipeline).getStatus()).isEqualTo("True"));

    cluster.client().resource(template()).delete();
    Pipeline orphaned = cluster.awaitPipeline("loads",
        pipeline -> assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Invalid));
    assertThat(ready(orphaned).getMessage()).contains("NodeTemplate \"loader\" not found");
  }

  @Test
  void aRunExecutesTheResolvedNodesAndATemplateEditOrDeletionNeverChangesIt() {
    createTemplate("busybox:1.36", "echo load $(params.table)");
    cluster.createPipeline(TWO_LOADS);
    cluster.awaitPipeline("loads", pipeline -> assertThat(ready(pipeline).getStatus()).isEqualTo("True"));
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: loads-1}
        spec:
          pipelineRef: {name: loads}
        """);

    PipelineRun running = cluster.awaitRun("loads-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running));
    List<NodeSpec> snapshot = running.getStatus().getPipelineSpec().getNodes();
    assertThat(snapshot).allSatisfy(node -> {
      assertThat(node.getTemplateRef()).as("the snapshot holds resolved nodes").isNull();
      assertThat(node.getImage()).isEqualTo("busybox:1.36");
    });
    assertThat(container(cluster.awaitJob("loads-1-orders-1")).getArgs()).containsExactly("echo load orders");

    NodeTemplate edited = template();
    edited.getSpec().setArgs(List.of("echo edited"));
    cluster.client().resource(edited).update();
    cluster.client().resource(template()).delete();
    cluster.jobController().succeed("loads-1-orders-1", "");

    assertThat(container(cluster.awaitJob("loads-1-customers-1")).getArgs())
        .as("the template as it was when the run started").containsExactly("echo load customers");
    cluster.jobController().succeed("loads-1-customers-1", "");
    PipelineRun done = cluster.awaitRun("loads-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(Serialization.asJson(done.getStatus().getPipelineSpec())).doesNotContain("templateRef");
  }

  @Test
  void anInlineRunResolvesTemplatesFromItsNamespaceAndFailsPipelineInvalidWhenOneIsMissing() {
    cluster.createRun(inlineRun("inline-missing"));

    PipelineRun failed = cluster.awaitRun("inline-missing",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(succeeded(failed).getReason()).isEqualTo("PipelineInvalid");
    assertThat(failed.getStatus().getMessage()).isEqualTo("inline pipeline is invalid: spec.pipelineSpec.nodes[0]"
        + ".templateRef.name: NodeTemplate \"loader\" not found in namespace \"" + cluster.namespace()
        + "\" (node \"only\")");
    assertThat(cluster.jobNamesOf("inline-missing")).isEmpty();

    createTemplate("busybox:1.36", "echo load $(params.table)");
    cluster.createRun(inlineRun("inline-found"));

    assertThat(container(cluster.awaitJob("inline-found-only-1")).getArgs()).containsExactly("echo load inline");
    PipelineRun running = cluster.run("inline-found");
    assertThat(running.getStatus().getPipelineSpec().getNodes().get(0).getTemplateRef()).isNull();
  }

  private static String inlineRun(String name) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            nodes:
            - name: only
              templateRef: {name: loader}
              params: [{name: table, type: string, default: inline}]
        """.formatted(name);
  }

  private void createTemplate(String image, String args) {
    cluster.client().resource(Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: NodeTemplate
        metadata: {name: loader}
        spec:
          image: %s
          command: [sh, -c]
          args: ["%s"]
          params: [{name: table, type: string, required: true}]
        """.formatted(image, args), NodeTemplate.class)).inNamespace(cluster.namespace()).create();
  }

  private NodeTemplate template() {
    return cluster.client().resources(NodeTemplate.class).inNamespace(cluster.namespace()).withName("loader").get();
  }

  private static Container container(io.fabric8.kubernetes.api.model.batch.v1.Job job) {
    return job.getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static Condition ready(Pipeline pipeline) {
    return pipeline.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no Ready condition in " + pipeline.getStatus().getConditions()));
  }

  private static Condition succeeded(PipelineRun run) {
    return run.getStatus().getConditions().stream().filter(c -> "Succeeded".equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no Succeeded condition in " + run.getStatus().getConditions()));
  }
}
