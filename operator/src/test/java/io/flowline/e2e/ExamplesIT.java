package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The shipped examples run on real pods and end as examples/README.md promises. */
class ExamplesIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Runs runs = new Runs(env);
  private static final Map<Example, List<String>> runNames = new EnumMap<>(Example.class);

  @BeforeAll
  static void applyEveryExample() {
    // All at once: the runs proceed in parallel while the tests wait for them one by one.
    for (Example example : Example.values()) {
      runNames.put(example, example.applyAll(env));
    }
  }

  @ParameterizedTest
  @EnumSource(Example.class)
  void everyRunOfTheExampleEndsInItsExpectedPhase(Example example) {
    for (String name : runNames.get(example)) {
      PipelineRun run = runs.awaitFinished(name);

      assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(example.expectedPhase());
      Condition succeeded = Conditions.require(run.getStatus().getConditions(), "Succeeded");
      assertThat(succeeded.getStatus()).as(runs.describe(run))
          .isEqualTo(example.expectedPhase() == RunPhase.Succeeded ? "True" : "False");
      if (example.expectedPhase() == RunPhase.Succeeded) {
        int nodes = example.nodeCount(env, run);
        assertThat(run.getStatus().getProgress()).isEqualTo(nodes + "/" + nodes);
      }
    }
  }

  @Test
  void queueRunsOneAtATimeUrgentFirstThenByPriority() {
    List<PipelineRun> ended = runNames.get(Example.QUEUE).stream().map(runs::awaitFinished)
        .sorted(Comparator.comparing(run -> Instant.parse(run.getStatus().getStartTime()))).toList();

    assertThat(ended).extracting(run -> run.getMetadata().getName()).as("runs by startTime")
        .containsExactly("queue-urgent", "queue-important", "queue-routine");
    for (int i = 1; i < ended.size(); i++) {
      NodeStatus before = runs.node(ended.get(i - 1), "work");
      NodeStatus after = runs.node(ended.get(i), "work");
      assertThat(Instant.parse(after.getStartTime())).as("%s started after %s had finished",
          ended.get(i).getMetadata().getName(), ended.get(i - 1).getMetadata().getName())
          .isAfterOrEqualTo(Instant.parse(before.getCompletionTime()));
    }
  }

  @Test
  void failingRunNamesTheFailedNodeLetsTheSiblingFinishAndNeverStartsTheDependent() {
    String name = runNames.get(Example.FAILING).get(0);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
    // "fail" as a word: every failure message contains "failed".
    assertThat(run.getStatus().getMessage()).containsPattern("\\bfail\\b").contains("exit code 3");

    NodeStatus fail = runs.node(run, "fail");
    assertThat(fail.getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(fail.getExitCode()).isEqualTo(3);
    // FallbackToLogsOnError: what the container wrote to stderr is the first thing a user should see.
    assertThat(fail.getMessage()).contains("cannot connect to the warehouse");

    // Fail fast, no orphans: the running sibling is let finish, after the failure was already known.
    NodeStatus sibling = runs.node(run, "sibling");
    assertThat(sibling.getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(List.of(fail, sibling)).as("completionTime of fail and sibling").extracting(NodeStatus::getCompletionTime)
        .doesNotContainNull();
    assertThat(Instant.parse(sibling.getCompletionTime())).isAfterOrEqualTo(Instant.parse(fail.getCompletionTime()));

    assertThat(Runs.findNode(run, "publish")).as("publish depends on fail and must never start").isEmpty();
    assertThat(runs.jobs(name)).as("Jobs of %s", name)
        .noneMatch(job -> "publish".equals(job.getMetadata().getLabels().get(Runs.NODE_LABEL)));
  }

  @Test
  void retryRunSucceedsOnTheSecondAttemptAndKeepsOneJobPerAttempt() {
    String name = runNames.get(Example.RETRY).get(0);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    NodeStatus flaky = runs.node(run, "flaky");
    assertThat(flaky.getAttempt()).isEqualTo(2);
    assertThat(flaky.getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(runs.jobNames(name)).containsExactlyInAnyOrder(name + "-flaky-1", name + "-flaky-2");
  }

  @Test
  void etlPassesExtractOutputDownstreamAndAppliesTheNodeParamOverride() {
    String name = runNames.get(Example.ETL).get(0);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    String rows = runs.node(run, "extract").getOutputs().get("rows");
    assertThat(rows).as("output rows of extract").isEqualTo("42");
    assertThat(env.kubectl("logs", "job/" + name + "-load-1")).contains("loaded " + rows + " rows");
    // run.yaml sets batchSize 1000 through nodeParams; the pipeline's default is 500.
    assertThat(env.kubectl("logs", "job/" + name + "-extract-1")).contains("batchSize 1000");
  }

  @Test
  void workspaceHandsTheExtractedFileToTransformAndTheSummaryToLoad() {
    String name = runNames.get(Example.WORKSPACE).get(0);
    PipelineRun run = runs.awaitFinished(name);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(run, "transform").getOutputs()).as("outputs of transform, read from the CSV extract wrote")
        .containsEntry("rows", "3").containsEntry("total", "42");
    assertThat(env.kubectl("logs", "job/" + name + "-load-1")).as("load's log: the summary transform wrote")
        .contains("rows=3").contains("total=42");
  }
}
