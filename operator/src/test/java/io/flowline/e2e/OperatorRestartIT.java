package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator crash in the middle of a node loses nothing and duplicates nothing: the next operator adopts the
 * running Job (deterministic names) and carries the run to the end.
 */
class OperatorRestartIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final String RUN = "restart-demo";
  private static final String SLOW_JOB = RUN + "-slow-1";

  private final Runs runs = new Runs(env);

  @Test
  void runSurvivesAnOperatorCrashWithExactlyOneJobPerNodeAttempt() {
    env.apply(env.testManifest("restart-pipeline.yaml"), env.testManifest("restart-run.yaml"));

    // Polled often: the crash must land while slow (15 s) still runs.
    env.await("Job " + SLOW_JOB + " to be created").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
        .until(() -> runs.jobNames(RUN).contains(SLOW_JOB));
    env.killOperator();
    assertThat(succeededPods(slowJob())).as("slow must still run when the operator crashes, or this test proves "
        + "nothing").isZero();
    env.startOperator();

    PipelineRun run = runs.awaitFinished(RUN);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(run.getStatus().getNodes()).extracting(NodeStatus::getAttempt).containsOnly(1);
    assertThat(runs.jobNames(RUN)).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(SLOW_JOB, RUN + "-after-1");
  }

  private static int succeededPods(Job job) {
    return Optional.ofNullable(job.getStatus()).map(JobStatus::getSucceeded).orElse(0);
  }

  private Job slowJob() {
    return runs.jobs(RUN).stream().filter(job -> SLOW_JOB.equals(job.getMetadata().getName())).findFirst()
        .orElseThrow(() -> new AssertionError("Job " + SLOW_JOB + " vanished"));
  }
}
