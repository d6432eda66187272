package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spec.rerunOf on real pods: a rerun from the middle of a chain runs only that node and what follows, with its
 * own params, on top of the copied upstream output; a missing source fails the run before any Job.
 */
class RerunIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Duration SHORT = Duration.ofSeconds(60);

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  /** b's output depends on a param and on a's output, c reports what it saw of b as its own output. */
  @BeforeAll
  static void createChainPipeline() {
    String yaml = """
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: chain}
        spec:
          params: [{name: tag, type: string, default: none}]
          nodes:
          - {name: a, image: "busybox:1.36", outputs: [rows],
             command: [sh, -c, "echo rows=7 > /dev/termination-log"]}
          - {name: b, dependsOn: [a], image: "busybox:1.36", outputs: [val],
             command: [sh, -c, "echo val=$(params.tag)-$(nodes.a.outputs.rows) > /dev/termination-log"]}
          - {name: c, dependsOn: [b], image: "busybox:1.36", outputs: [seen],
             command: [sh, -c, "echo seen=$(nodes.b.outputs.val) > /dev/termination-log"]}
        """;
    env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
        .inNamespace(env.namespace()).create();
  }

  @Test
  void aRerunFromTheMiddleNodeRunsOnlyItAndItsDescendantsWithTheNewParam() {
    runs.create(run("first", "params: [{name: tag, value: one}]"));
    PipelineRun first = runs.awaitFinished("first");
    assertThat(first.getStatus().getPhase()).as(runs.describe(first)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(first, "c").getOutputs()).containsEntry("seen", "one-7");

    runs.create(run("second", "params: [{name: tag, value: two}]\n  rerunOf: {name: first, fromNodes: [b]}"));
    PipelineRun second = runs.awaitFinished("second");

    assertThat(second.getStatus().getPhase()).as(runs.describe(second)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.jobNames("second")).as("Jobs of the rerun").containsExactlyInAnyOrder("second-b-1", "second-c-1");
    NodeStatus a = runs.node(second, "a");
    assertThat(a.getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(a.getMessage()).isEqualTo("copied from run first");
    assertThat(a.getJob()).isEqualTo("first-a-1");
    assertThat(a.getOutputs()).containsEntry("rows", "7");
    assertThat(runs.node(second, "b").getOutputs()).as("b with the new param on the copied output of a")
        .containsEntry("val", "two-7");
    assertThat(runs.node(second, "c").getOutputs()).as("c saw b's new output").containsEntry("seen", "two-7");
    assertThat(events.reasonsOn("PipelineRun", "second")).contains("Rerun").doesNotContain("NotImplemented");
  }

  @Test
  void aRerunOfAMissingRunFailsWithRerunSourceNotFoundAndCreatesNoJob() {
    runs.create(run("orphan", "rerunOf: {name: never-existed}"));
    PipelineRun orphan = runs.awaitFinished("orphan", SHORT);

    assertThat(orphan.getStatus().getPhase()).as(runs.describe(orphan)).isEqualTo(RunPhase.Failed);
    assertThat(Conditions.require(orphan.getStatus().getConditions(), "Succeeded").getReason())
        .isEqualTo("RerunSourceNotFound");
    assertThat(orphan.getStatus().getMessage()).contains("spec.rerunOf.name").contains("never-existed")
        .contains("not found in namespace " + env.namespace());
    assertThat(runs.jobNames("orphan")).isEmpty();
    runs.assertSettled("orphan");
  }

  private static String run(String name, String extra) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: chain}
          %s
        """.formatted(name, extra);
  }
}
