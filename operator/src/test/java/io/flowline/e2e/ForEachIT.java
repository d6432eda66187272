package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** forEach on real pods: maxParallel as the Job controller saw it, items from an output, retry of failed items. */
class ForEachIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private final Runs runs = new Runs(env);

  @Test
  void maxParallelTwoNeverHasMoreThanTwoChildrenRunningAsTheJobTimestampsShow() {
    runs.create(Runs.inlineRun("bounded", """
        - name: each
          forEach: {items: [a, b, c, d, e]}
          maxParallel: 2
          image: "busybox:1.36"
          command: [sh, -c, "echo item $(item) index $(item.index); sleep 3"]"""));

    PipelineRun run = runs.awaitFinished("bounded");

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(run.getStatus().getProgress()).isEqualTo("5/5");
    assertThat(runs.node(run, "each").getItems()).isEqualTo(5);
    assertThat(runs.node(run, "each-4").getParent()).isEqualTo("each");
    List<Job> jobs = runs.jobs("bounded");
    assertThat(jobs).extracting(job -> job.getMetadata().getName()).containsExactlyInAnyOrder(
        "bounded-each-0-1", "bounded-each-1-1", "bounded-each-2-1", "bounded-each-3-1", "bounded-each-4-1");
    assertThat(mostAtOnce(jobs)).as("children running at once, from Job start and completion times")
        .isEqualTo(2);
  }

  @Test
  void itemsFromAnAncestorsOutputAndTheNodesOutputIsTheArrayOfItsChildrensValues() {
    runs.create(Runs.inlineRun("fanned", """
        - name: list
          image: "busybox:1.36"
          outputs: [regions]
          command: [sh, -c, 'echo ''regions=["eu","us"]'' > /dev/termination-log']
        - name: per-region
          dependsOn: [list]
          forEach: {output: nodes.list.outputs.regions}
          outputs: [rows]
          image: "busybox:1.36"
          command: [sh, -c, 'echo "rows=$(item)-$(item.index)" > /dev/termination-log']
        - name: report
          dependsOn: [per-region]
          outputs: [all]
          image: "busybox:1.36"
          command: [sh, -c, 'echo ''all=$(nodes.per-region.outputs.rows)'' > /dev/termination-log']"""));

    PipelineRun run = runs.awaitFinished("fanned");

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(run, "per-region").getOutputs()).containsEntry("rows", "[\"eu-0\",\"us-1\"]");
    assertThat(runs.node(run, "report").getOutputs()).containsEntry("all", "[\"eu-0\",\"us-1\"]");
  }

  @Test
  void retryRunsOnlyTheFailedChildrenAgain() {
    runs.create(Runs.inlineRun("partial", """
        - name: each
          forEach: {items: [a, b, c]}
          image: "busybox:1.36"
          command: [sh, -c, 'test "$(item)" != b || test $(node.attempt) -ge 2 || exit 3']"""));
    PipelineRun failed = runs.awaitFinished("partial");
    assertThat(failed.getStatus().getPhase()).as(runs.describe(failed)).isEqualTo(RunPhase.Failed);
    assertThat(runs.node(failed, "each").getPhase()).isEqualTo(NodePhase.Failed);

    env.kubectl("patch", "pipelinerun", "partial", "--type", "merge", "-p", "{\"spec\":{\"retry\":1}}");
    env.await("the retried run to be active again").atMost(Duration.ofSeconds(30))
        .until(() -> runs.get("partial").getStatus().getRetry(), retry -> retry != null && retry == 1);
    PipelineRun retried = runs.awaitFinished("partial");

    assertThat(retried.getStatus().getPhase()).as(runs.describe(retried)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(retried, "each-1").getAttempt()).isEqualTo(2);
    assertThat(runs.jobNames("partial")).containsExactlyInAnyOrder("partial-each-0-1", "partial-each-1-1",
        "partial-each-1-2", "partial-each-2-1");
  }

  /** The most Jobs whose [start, completion) intervals overlap at one instant. */
  private static int mostAtOnce(List<Job> jobs) {
    List<Instant[]> spans = new ArrayList<>();
    for (Job job : jobs) {
      assertThat(job.getStatus().getStartTime()).as("start of " + job.getMetadata().getName()).isNotNull();
      assertThat(job.getStatus().getCompletionTime()).as("completion of " + job.getMetadata().getName()).isNotNull();
      spans.add(new Instant[] {Instant.parse(job.getStatus().getStartTime()),
          Instant.parse(job.getStatus().getCompletionTime())});
    }
    int most = 0;
    for (Instant[] span : spans) {
      Instant at = span[0];
      int running = (int) spans.stream().filter(other -> !other[0].isAfter(at) && other[1].isAfter(at)).count();
      most = Math.max(most, running);
    }
    return most;
  }
}
