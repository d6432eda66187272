package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.engine.Admission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Pipeline's concurrency limit over its runs: Queue in priority order, Forbid, Replace. */
class ConcurrencyTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void underQueueOneRunExecutesAtATimeAndTheWaitingOnesStartHighestPriorityFirst() {
    createPipeline("Queue");
    createRun("first", 0);
    cluster.awaitJob("first-work-1");
    createRun("low", 0);
    createRun("high", 5);

    cluster.awaitRun("high", run -> assertQueuedAt(run, 1));
    cluster.awaitRun("low", run -> assertQueuedAt(run, 2));
    cluster.awaitPipeline("limited", pipeline -> assertThat(pipeline.getStatus().getQueuedRuns()).isEqualTo(2));
    assertThat(cluster.jobNamesOf("high")).isEmpty();
    assertThat(cluster.jobNamesOf("low")).isEmpty();

    jobController.succeed("first-work-1", "");
    cluster.awaitJob("high-work-1");
    cluster.awaitRun("low", run -> assertQueuedAt(run, 1));
    assertThat(cluster.jobNamesOf("low")).as("low waits while high runs").isEmpty();

    jobController.succeed("high-work-1", "");
    cluster.awaitJob("low-work-1");
    cluster.awaitRun("low", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Running);
      assertThat(run.getStatus().getQueuePosition()).isNull();
    });
  }

  @Test
  void deletingTheActiveRunOrRaisingTheLimitStartsWaitingRunsWithoutWaitingForTheirRecheck() {
    createPipeline("Queue");
    createRun("first", 0);
    cluster.awaitJob("first-work-1");
    createRun("second", 0);
    createRun("third", 0);
    cluster.awaitRun("third", run -> assertQueuedAt(run, 2));

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("first").delete();
    // Within the test's deadline, well under RunStarter.QUEUE_RECHECK: the Pipeline saw the run go.
    cluster.awaitJob("second-work-1");

    cluster.client().resources(io.flowline.api.Pipeline.class).inNamespace(cluster.namespace()).withName("limited")
        .edit(pipeline -> {
          pipeline.getSpec().getConcurrency().setLimit(2);
          return pipeline;
        });
    cluster.awaitJob("third-work-1");
  }

  @Test
  void underForbidARunOverTheLimitEndsCancelledWithoutAJob() {
    createPipeline("Forbid");
    createRun("first", 0);
    cluster.awaitJob("first-work-1");
    createRun("second", 0);

    cluster.awaitRun("second", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(run.getStatus().getConditions()).anySatisfy(condition -> {
        assertThat(condition.getReason()).isEqualTo(Admission.REASON);
        assertThat(condition.getMessage()).contains("concurrency limit 1").contains("first");
      });
    });
    assertThat(cluster.jobNamesOf("second")).isEmpty();
    assertThat(cluster.run("first").getStatus().getPhase()).isEqualTo(RunPhase.Running);
  }

  @Test
  void underReplaceTheNewRunStartsAndTheOlderOneIsCancelledWithItsJobDeleted() {
    createPipeline("Replace");
    // Created within the same second, runs are ordered by name: nightly-2 is the newer one either way.
    createRun("nightly-1", 0);
    cluster.awaitJob("nightly-1-work-1");
    createRun("nightly-2", 0);

    cluster.awaitJob("nightly-2-work-1");
    cluster.awaitRun("nightly-1", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(run.getStatus().getMessage()).contains("replaced by newer run nightly-2");
      assertThat(FlowlineCluster.node(run, "work").getPhase().name()).isEqualTo("Cancelled");
    });
    cluster.awaitRun("nightly-1", run -> assertThat(cluster.job("nightly-1-work-1")).as("its Job").isNull());
    assertThat(cluster.run("nightly-2").getStatus().getPhase()).isEqualTo(RunPhase.Running);
  }

  private void createPipeline(String policy) {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: limited}
        spec:
          concurrency: {limit: 1, policy: %s}
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """.formatted(policy));
  }

  private void createRun(String name, int priority) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: limited}
          priority: %d
        """.formatted(name, priority));
  }

  private static void assertQueuedAt(PipelineRun run, int position) {
    assertThat(run.getStatus()).as("status of " + run.getMetadata().getName()).isNotNull();
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Queued);
    assertThat(run.getStatus().getQueuePosition()).isEqualTo(position);
  }
}
