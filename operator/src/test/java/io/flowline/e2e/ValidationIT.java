package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the operator rejects, it rejects visibly (status, condition, event) and before any Job exists. */
class ValidationIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  /** Validation needs no pods: a status within this is the operator's own latency. */
  private static final Duration VALIDATION_DEADLINE = Duration.ofSeconds(60);

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  @Test
  void pipelineWithCycleAndUnknownDependencyIsInvalidAndSaysWhy() {
    env.apply(env.testManifest("invalid-pipeline.yaml"));

    Pipeline pipeline = env.await("pipeline invalid-dag to be judged").atMost(VALIDATION_DEADLINE)
        .until(() -> env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName("invalid-dag").get(),
            p -> p.getStatus() != null && p.getStatus().getState() != null);

    assertThat(pipeline.getStatus().getState()).as(runs.describe(pipeline)).isEqualTo(PipelineState.Invalid);
    assertThat(pipeline.getStatus().getStateCode()).isEqualTo(-1);
    Condition ready = Conditions.require(pipeline.getStatus().getConditions(), "Ready");
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("Invalid");
    assertThat(ready.getMessage()).contains("cycle-a", "cycle-b", "no-such-node");

    env.await("Warning event Invalid on pipeline invalid-dag").atMost(VALIDATION_DEADLINE).untilAsserted(() ->
        assertThat(events.on("Pipeline", "invalid-dag"))
            .anySatisfy(event -> {
              assertThat(event.getReason()).isEqualTo("Invalid");
              assertThat(event.getType()).isEqualTo("Warning");
            }));
  }

  @Test
  void runWithAnImpossibleDateFailsWithInvalidParamsAndStartsNoJob() {
    env.apply(Example.ETL.pipelineFile(env), env.testManifest("bad-date-run.yaml"));

    PipelineRun run = runs.awaitFinished("etl-bad-date");

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    Condition succeeded = Conditions.require(run.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo("InvalidParams");
    assertThat(succeeded.getMessage()).contains("spec.params");
    assertThat(runs.jobs("etl-bad-date")).isEmpty();
  }
}
