package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.RunPhase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** `kubectl get` shows the columns api.md promises, in that order, filled from status. */
class KubectlColumnsIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Runs runs = new Runs(env);
  private static String runName;

  @BeforeAll
  static void runHello() {
    runName = Example.HELLO.apply(env);
    runs.awaitFinished(runName);
  }

  @Test
  void pipelineRunsShowPipelinePhaseProgressStartEndAge() {
    KubectlTable table = KubectlTable.parse(env.kubectl("get", "pipelineruns"));

    assertThat(table.columns()).containsSubsequence("PIPELINE", "PHASE", "PROGRESS", "START", "END", "AGE");
    assertThat(table.row(runName))
        .containsEntry("PIPELINE", Example.HELLO.pipelineName(env))
        .containsEntry("PHASE", RunPhase.Succeeded.name())
        .containsEntry("PROGRESS", "1/1");
  }

  @Test
  void pipelinesShowStateActivationScheduleLastRunLastPhaseNextAge() {
    String pipeline = Example.HELLO.pipelineName(env);
    assertThat(KubectlTable.parse(env.kubectl("get", "pipelines")).columns())
        .containsSubsequence("STATE", "ACTIVATION", "SCHEDULE", "LAST RUN", "LAST PHASE", "NEXT", "AGE");

    // The pipeline's status follows its runs asynchronously.
    env.await("pipeline " + pipeline + " to show its last run").atMost(E2eEnvironment.RUN_DEADLINE).untilAsserted(() ->
        assertThat(KubectlTable.parse(env.kubectl("get", "pipelines")).row(pipeline))
            .containsEntry("STATE", "Idle")
            .containsEntry("LAST RUN", runName)
            .containsEntry("LAST PHASE", RunPhase.Succeeded.name()));
  }
}
