package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Input a hostile or careless user writes ends in a named, final outcome within seconds, and the operator stays
 * healthy: the object stops changing once final (no hot loop) and the operator process is alive.
 */
class HostileInputIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  /** Validation needs no pods: a status within this is the operator's own latency. */
  private static final Duration VALIDATION_DEADLINE = Duration.ofSeconds(60);

  private static final Runs runs = new Runs(env);

  @BeforeAll
  static void applyManifests() {
    // All at once: runs with pods proceed while the validation tests wait.
    env.apply(env.testManifest("hostile-long-message.yaml"), env.testManifest("hostile-raw-values.yaml"),
        env.testManifest("hostile-params.yaml"), env.testManifest("hostile-validation.yaml"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "bad-service-account, nodes[0].serviceAccountName, Bad_SA",
      "bad-env-name, nodes[0].env[0].name, A=B",
      "bad-quantity, nodes[0].resources.requests.cpu, lots",
  })
  void aValueKubernetesWouldRefuseMakesThePipelineInvalidAndItsInlineRunEndsPipelineInvalidWithoutAJob(
      String name, String field, String value) {
    Pipeline pipeline = env.await("pipeline " + name + " to be judged").atMost(VALIDATION_DEADLINE)
        .until(() -> pipeline(name), p -> p.getStatus() != null && p.getStatus().getState() != null);

    assertThat(pipeline.getStatus().getState()).as(runs.describe(pipeline)).isEqualTo(PipelineState.Invalid);
    Condition ready = Conditions.require(pipeline.getStatus().getConditions(), "Ready");
    assertThat(ready.getReason()).isEqualTo("Invalid");
    assertThat(ready.getMessage()).contains("spec." + field + ": \"" + value + "\"");
    env.assertSettled(() -> pipeline(name), "pipeline " + name);

    String runName = name + "-inline";
    env.client().resources(PipelineRun.class).inNamespace(env.namespace()).resource(inlineRunOf(pipeline, runName))
        .create();
    PipelineRun run = runs.awaitFinished(runName, VALIDATION_DEADLINE);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    Condition succeeded = Conditions.require(run.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getReason()).isEqualTo("PipelineInvalid");
    assertThat(succeeded.getMessage()).contains("spec.pipelineSpec." + field + ": \"" + value + "\"");
    assertThat(run.getStatus().getStartTime()).as("a run that never started has no startTime").isNull();
    assertThat(runs.jobs(runName)).isEmpty();
    env.assertSettled(() -> runs.get(runName), "run " + runName);
  }

  @Test
  void anEmptyPipelineNameIsRefusedByTheSchema() {
    assertThatThrownBy(() -> env.apply(env.testManifest("hostile-empty-ref-run.yaml")))
        .hasMessageContaining("spec.pipelineRef.name");

    assertThat(runs.get("empty-ref")).isNull();
    assertThat(env.operatorIsAlive()).as("operator process alive").isTrue();
  }

  @Test
  void aRunTimeoutBeyondOneYearEndsInvalidParamsNamingTheField() {
    PipelineRun run = runs.awaitFinished("typed-huge-timeout", VALIDATION_DEADLINE);

    assertInvalidParams(run, "spec.timeout: \"9000000000000h\" is longer than the maximum 8760h");
  }

  @Test
  void aParamOfTheWrongTypeEndsInvalidParamsNamingTheParam() {
    PipelineRun run = runs.awaitFinished("typed-bad-row-count", VALIDATION_DEADLINE);

    assertInvalidParams(run, "params.rowCount: \"12x\" is not an integer");
  }

  @Test
  void aNodeParamOfTheWrongTypeEndsInvalidParamsNamingTheNodeAndTheParam() {
    PipelineRun run = runs.awaitFinished("typed-bad-batch-size", VALIDATION_DEADLINE);

    assertInvalidParams(run, "nodeParams.extract.batchSize: \"big\" is not an integer");
  }

  @Test
  void aLongTerminationMessageKeepsTheNodeNameInTheRunMessageAndTheExitCodeInTheNodeMessage() {
    PipelineRun run = runs.awaitFinished("long-message", E2eEnvironment.RUN_DEADLINE);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    assertThat(run.getStatus().getMessage()).as(runs.describe(run)).startsWith("node shout failed: exit code 3");
    NodeStatus shout = runs.node(run, "shout");
    assertThat(shout.getExitCode()).isEqualTo(3);
    assertThat(shout.getMessage()).startsWith("exit code 3").contains("xxxxxxxxxx");
    env.assertSettled(() -> runs.get("long-message"), "run long-message");
  }

  @Test
  void valuesWithDollarSignsReachTheContainerRaw() {
    PipelineRun run = runs.awaitFinished("raw-values", E2eEnvironment.RUN_DEADLINE);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(run, "produce").getOutputs()).containsEntry("home", "$(HOME)");
    assertThat(runs.node(run, "consume").getOutputs()).as("what the container of consume received")
        .containsExactlyInAnyOrderEntriesOf(Map.of(
            "fromEnv", "a$$b$(FOO)c",
            "fromArgs", "a$$b$(FOO)c",
            "fromUpstream", "$(HOME)"));
    env.assertSettled(() -> runs.get("raw-values"), "run raw-values");
  }

  private static void assertInvalidParams(PipelineRun run, String expectedProblem) {
    String name = run.getMetadata().getName();
    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    Condition succeeded = Conditions.require(run.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getReason()).isEqualTo("InvalidParams");
    assertThat(succeeded.getMessage()).contains(expectedProblem);
    assertThat(run.getStatus().getStartTime()).as("a run that never started has no startTime").isNull();
    assertThat(runs.jobs(name)).isEmpty();
    env.assertSettled(() -> runs.get(name), "run " + name);
  }

  private static Pipeline pipeline(String name) {
    return env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName(name).get();
  }

  private static PipelineRun inlineRunOf(Pipeline pipeline, String runName) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(runName).withNamespace(env.namespace()).build());
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineSpec(Serialization.clone(pipeline.getSpec()));
    run.setSpec(spec);
    return run;
  }
}
