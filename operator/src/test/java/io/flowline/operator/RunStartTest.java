package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What happens before a run's first node: pipeline lookup, validation, params. */
class RunStartTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();

  @Test
  void runWithAnImpossibleDateFailsWithInvalidParamsAndStartsNothing() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: daily}
        spec:
          params: [{name: date, type: date, required: true}]
          nodes:
          - {name: export, image: busybox:1.36, command: [sh, -c, "echo $(params.date)"]}
        """);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: daily-1}
        spec:
          pipelineRef: {name: daily}
          params: [{name: date, value: "2025-02-30"}]
        """);

    PipelineRun failed = cluster.awaitRun("daily-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(succeededCondition(failed).getStatus()).isEqualTo("False");
    assertThat(succeededCondition(failed).getReason()).isEqualTo("InvalidParams");
    assertThat(failed.getStatus().getMessage()).contains("date").contains("2025-02-30");
    assertThat(failed.getStatus().getNodes()).isEmpty();
    assertThat(cluster.jobNamesOf("daily-1")).isEmpty();
  }

  @Test
  void runWaitsPendingForAMissingPipelineAndStartsWhenItAppears() {
    createRunOf("late-1", "late");

    PipelineRun pending = cluster.awaitRun("late-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Pending));
    assertThat(succeededCondition(pending).getStatus()).isEqualTo("Unknown");
    assertThat(succeededCondition(pending).getReason()).isEqualTo("Pending");
    assertThat(pending.getStatus().getMessage()).contains("Pipeline late").contains("not found");

    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: late}
        spec:
          nodes:
          - {name: only, image: busybox:1.36, command: [sh, -c, "true"]}
        """);

    cluster.awaitJob("late-1-only-1");
    cluster.awaitRun("late-1", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running));
  }

  @Test
  void runFailsWithPipelineNotFoundWhenThePipelineIsStillMissingAfter30Seconds() {
    // The operator compares the run's creationTimestamp with its clock: a clock 40s ahead sees a 40s old run.
    cluster.clock().setOffset(Duration.ofSeconds(40));
    createRunOf("lost-1", "nowhere");

    PipelineRun failed = cluster.awaitRun("lost-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(succeededCondition(failed).getReason()).isEqualTo("PipelineNotFound");
    assertThat(failed.getStatus().getMessage()).contains("nowhere");
    assertThat(cluster.jobNamesOf("lost-1")).isEmpty();
  }

  @Test
  void pipelineWithACycleIsInvalidAndItsRunsFailWithoutJobs() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: loop}
        spec:
          nodes:
          - {name: a, dependsOn: [b], image: busybox:1.36, command: [sh, -c, "true"]}
          - {name: b, dependsOn: [a], image: busybox:1.36, command: [sh, -c, "true"]}
        """);

    Pipeline invalid = cluster.awaitPipeline("loop",
        pipeline -> assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Invalid));
    assertThat(invalid.getStatus().getStateCode()).isEqualTo(-1);
    assertThat(invalid.getStatus().getConditions()).singleElement().satisfies(ready -> {
      assertThat(ready.getType()).isEqualTo("Ready");
      assertThat(ready.getStatus()).isEqualTo("False");
      assertThat(ready.getReason()).isEqualTo("Invalid");
      assertThat(ready.getMessage()).contains("cycle").containsPattern("a -> b -> a|b -> a -> b");
    });

    createRunOf("loop-1", "loop");

    PipelineRun failed = cluster.awaitRun("loop-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(succeededCondition(failed).getReason()).isEqualTo("PipelineInvalid");
    assertThat(failed.getStatus().getMessage()).contains("cycle");
    assertThat(cluster.jobNamesOf("loop-1")).isEmpty();
  }

  @Test
  void runWithAnEmptyPipelineNameFailsPipelineInvalidNamingTheFieldAndNeverStarts() {
    createRunOf("nameless-1", "\"\"");

    PipelineRun failed = cluster.awaitRun("nameless-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(succeededCondition(failed).getReason()).isEqualTo("PipelineInvalid");
    assertThat(failed.getStatus().getMessage()).isEqualTo("spec.pipelineRef.name: is required");
    assertThat(failed.getStatus().getStartTime()).as("a run that never started has no startTime").isNull();
    assertThat(cluster.jobNamesOf("nameless-1")).isEmpty();
  }

  private void createRunOf(String name, String pipeline) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
        """.formatted(name, pipeline));
  }

  private static Condition succeededCondition(PipelineRun run) {
    return run.getStatus().getConditions().stream().filter(c -> "Succeeded".equals(c.getType())).findFirst()
        .orElseThrow(() -> new AssertionError("no Succeeded condition in " + run.getStatus().getConditions()));
  }
}
