package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * when and finally on real pods, through the shipped examples: a branch on a param skips one side while the node
 * after it still runs, and a finally node runs after a fail-fast failure and sees the run's status.
 */
class WhenFinallyIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private final Runs runs = new Runs(env);

  @Test
  void aBranchOnAParamSkipsTheOtherSideAndTheNodeAfterBothStillRuns() {
    String name = Example.WHEN.apply(env);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(run.getStatus().getProgress()).isEqualTo("4/4");
    NodeStatus full = runs.node(run, "full-load");
    assertThat(full.getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(full.getReason()).isEqualTo("WhenNotMet");
    assertThat(full.getMessage()).contains("\"$(params.mode)\" is \"delta\", not in [\"full\"]");
    assertThat(runs.node(run, "delta-load").getOutputs()).containsEntry("rows", "17");
    assertThat(runs.node(run, "report").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(runs.jobNames(name)).containsExactlyInAnyOrder(name + "-prepare-1", name + "-delta-load-1",
        name + "-report-1");
    assertThat(env.kubectl("logs", "job/" + name + "-report-1")).contains("full=[] delta=[17]");
  }

  @Test
  void aFinallyNodeRunsAfterAFailFastFailureAndSeesRunStatusFailed() {
    String name = Example.FINALLY.apply(env);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    assertThat(Conditions.require(run.getStatus().getConditions(), "Succeeded").getReason()).isEqualTo("Failed");
    assertThat(run.getStatus().getMessage()).contains("node build failed").contains("exit code 2");
    assertThat(run.getStatus().getProgress()).as("build and notify finished, publish never started")
        .isEqualTo("2/3");
    assertThat(Runs.findNode(run, "publish")).isEmpty();

    NodeStatus build = runs.node(run, "build");
    NodeStatus notify = runs.node(run, "notify");
    assertThat(notify.getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(notify.getOutputs()).containsEntry("status", "Failed");
    assertThat(Instant.parse(notify.getStartTime())).as("notify starts after build ended")
        .isAfterOrEqualTo(Instant.parse(build.getCompletionTime()));
    assertThat(run.getStatus().getFinallyStatus().getRunStatus()).isEqualTo("Failed");
    assertThat(env.kubectl("logs", "job/" + name + "-notify-1")).contains("run Failed, build Failed, publish Pending");
  }
}
