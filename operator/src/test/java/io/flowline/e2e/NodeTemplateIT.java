package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** NodeTemplates on a real cluster: shared by pipelines, shown by kubectl, resolved once per run. */
class NodeTemplateIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Duration VALIDATION_DEADLINE = Duration.ofSeconds(60);
  private static final Runs runs = new Runs(env);
  private static List<String> exampleRuns;

  @BeforeAll
  static void applyTheTemplatesExample() {
    exampleRuns = Example.TEMPLATES.applyAll(env);
  }

  @Test
  void oneTemplateRunsInTwoPipelinesWithEachNodesOwnParams() {
    for (String name : exampleRuns) {
      PipelineRun run = runs.awaitFinished(name);
      assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
      assertThat(run.getStatus().getPipelineSpec().getNodes()).as("the snapshot holds resolved nodes")
          .allSatisfy(node -> assertThat(node.getTemplateRef()).isNull());
    }
    assertThat(runs.node(runs.get("orders-load-1"), "orders").getOutputs()).containsEntry("rows", "42");
    assertThat(env.kubectl("logs", "job/orders-load-1-orders-1")).contains("load orders from s3");
    assertThat(env.kubectl("logs", "job/orders-load-1-report-1")).contains("loaded 42 orders");
    assertThat(env.kubectl("logs", "job/customers-load-1-customers-1")).contains("load customers from sftp");
    assertThat(env.kubectl("logs", "job/customers-load-1-archive-1"))
        .contains("archive customers_archive after 42 rows");
  }

  @Test
  void kubectlShowsTemplatesWithTheirImageAndExplainsTheirFields() {
    KubectlTable table = KubectlTable.parse(env.kubectl("get", "nt"));

    assertThat(table.columns()).containsExactly("NAME", "IMAGE", "AGE");
    assertThat(table.row("loader")).containsEntry("IMAGE", "busybox:1.36");
    // The apiserver publishes a new CRD's schema to its OpenAPI document shortly after the CRD is established.
    env.await("kubectl explain nt.spec").atMost(VALIDATION_DEADLINE).untilAsserted(() ->
        assertThat(env.kubectlOutput("explain", "nt.spec")).contains("NodeTemplate")
            .contains("image").contains("Every node needs one"));
    assertThat(env.kubectl("explain", "pl.spec.nodes.templateRef")).contains("params, which merge by name");
  }

  @Test
  void editingOrDeletingATemplateAfterARunStartedDoesNotChangeTheRun() {
    applyTemplate("step", "echo version-1");
    applyPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: frozen}
        spec:
          nodes:
          - {name: wait, image: busybox:1.36, command: [sh, -c], args: ["sleep 8"]}
          - {name: after, dependsOn: [wait], templateRef: {name: step}}
        """);
    awaitState("frozen", PipelineState.Idle);
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: frozen-1}
        spec:
          pipelineRef: {name: frozen}
        """);
    env.await("run frozen-1 to start").atMost(E2eEnvironment.RUN_DEADLINE).until(() -> runs.get("frozen-1"),
        run -> run.getStatus() != null && run.getStatus().getPhase() == RunPhase.Running);

    NodeTemplate step = template("step");
    step.getSpec().setArgs(List.of("echo version-2"));
    env.client().resource(step).update();
    env.client().resource(template("step")).delete();

    PipelineRun run = runs.awaitFinished("frozen-1");
    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    Job after = runs.jobs("frozen-1").stream().filter(job -> job.getMetadata().getName().equals("frozen-1-after-1"))
        .findFirst().orElseThrow(() -> new AssertionError("no Job frozen-1-after-1: " + runs.jobNames("frozen-1")));
    Container container = after.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs()).as("the template as the run started with it").containsExactly("echo version-1");
    assertThat(env.kubectl("logs", "job/frozen-1-after-1")).contains("version-1");
    // The Pipeline, unlike the started run, follows its template: it is gone.
    Pipeline invalid = awaitState("frozen", PipelineState.Invalid);
    assertThat(Conditions.require(invalid.getStatus().getConditions(), "Ready").getMessage())
        .contains("NodeTemplate \"step\" not found").contains("node \"after\"");
  }

  @Test
  void aPipelineWithAMissingTemplateIsInvalidUntilTheTemplateIsApplied() {
    applyPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: early}
        spec:
          nodes:
          - {name: first, templateRef: {name: late}}
        """);

    Pipeline invalid = awaitState("early", PipelineState.Invalid);
    Condition ready = Conditions.require(invalid.getStatus().getConditions(), "Ready");
    assertThat(ready.getReason()).isEqualTo("Invalid");
    assertThat(ready.getMessage()).isEqualTo("spec.nodes[0].templateRef.name: NodeTemplate \"late\" not found in "
        + "namespace \"" + env.namespace() + "\" (node \"first\")");

    applyTemplate("late", "echo at last");

    Pipeline valid = awaitState("early", PipelineState.Idle);
    assertThat(Conditions.require(valid.getStatus().getConditions(), "Ready").getStatus()).isEqualTo("True");
  }

  private static void applyTemplate(String name, String args) {
    env.client().resource(env.client().getKubernetesSerialization().unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: NodeTemplate
        metadata: {name: %s}
        spec:
          image: busybox:1.36
          command: [sh, -c]
          args: ["%s"]
        """.formatted(name, args), NodeTemplate.class)).inNamespace(env.namespace()).create();
  }

  private static void applyPipeline(String yaml) {
    env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
        .inNamespace(env.namespace()).create();
  }

  private static NodeTemplate template(String name) {
    return env.client().resources(NodeTemplate.class).inNamespace(env.namespace()).withName(name).get();
  }

  private static Pipeline awaitState(String name, PipelineState state) {
    return env.await("pipeline " + name + " to be " + state).atMost(VALIDATION_DEADLINE)
        .until(() -> env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName(name).get(),
            pipeline -> pipeline != null && pipeline.getStatus() != null && pipeline.getStatus().getState() == state);
  }
}
