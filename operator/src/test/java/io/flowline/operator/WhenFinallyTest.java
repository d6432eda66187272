package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** when and finally through the reconciler: what is written to status and which Jobs exist. */
class WhenFinallyTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void aNodeWhoseConditionFailsIsSkippedWithoutAJobAndItsDependentRuns() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: branch}
        spec:
          params: [{name: mode, value: delta}]
          pipelineSpec:
            params: [{name: mode, default: full}]
            nodes:
            - name: full
              image: busybox:1.36
              command: [sh, -c, "true"]
              outputs: [rows]
              when: [{input: "$(params.mode)", operator: in, values: [full]}]
            - name: delta
              image: busybox:1.36
              command: [sh, -c, "true"]
              when: [{input: "$(params.mode)", operator: notin, values: [full]}]
            - name: report
              dependsOn: [full]
              image: busybox:1.36
              command: [sh, -c, "echo rows=[$(nodes.full.outputs.rows)]"]
        """);
    Job report = cluster.awaitJob("branch-report-1");
    assertThat(report.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
        .containsExactly("sh", "-c", "echo rows=[]");
    jobController.succeed("branch-report-1", "");
    jobController.succeed(cluster.awaitJob("branch-delta-1").getMetadata().getName(), "");

    cluster.awaitRun("branch", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(run.getStatus().getProgress()).isEqualTo("3/3");
      assertThat(FlowlineCluster.node(run, "full").getPhase()).isEqualTo(NodePhase.Skipped);
      assertThat(FlowlineCluster.node(run, "full").getReason()).isEqualTo("WhenNotMet");
      assertThat(FlowlineCluster.node(run, "full").getMessage()).contains("\"delta\", not in [\"full\"]");
    });
    assertThat(cluster.jobNamesOf("branch")).containsExactlyInAnyOrder("branch-delta-1", "branch-report-1");
  }

  private void createWithFinally(String name) {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            nodes:
            - {name: a, image: "busybox:1.36", command: [sh, -c, "exit 1"]}
            - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, "true"]}
            finally:
            - name: notify
              image: busybox:1.36
              command: [sh, -c, "echo status=$(run.status) a=$(nodes.a.phase) b=$(nodes.b.phase)"]
              outputs: [status]
        """.formatted(name));
  }

  @Test
  void aFinallyNodeRunsAfterAFailFastFailureSeesTheRunStatusAndTheRunEndsFailed() {
    createWithFinally("notified");
    jobController.fail(cluster.awaitJob("notified-a-1").getMetadata().getName(), 1, "boom");

    Job notify = cluster.awaitJob("notified-notify-1");
    assertThat(notify.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand())
        .containsExactly("sh", "-c", "echo status=Failed a=Failed b=Pending");
    PipelineRun during = cluster.run("notified");
    assertThat(during.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(during.getStatus().getMessage()).startsWith("running finally nodes; main part Failed");
    assertThat(during.getStatus().getFinallyStatus().getRunStatus()).isEqualTo("Failed");
    jobController.succeed("notified-notify-1", "status=Failed\n");

    cluster.awaitRun("notified", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
      assertThat(run.getStatus().getMessage()).isEqualTo("node a failed: exit code 1: boom");
      assertThat(run.getStatus().getCompletionTime()).isNotNull();
      assertThat(FlowlineCluster.node(run, "notify").getPhase()).isEqualTo(NodePhase.Succeeded);
      assertThat(FlowlineCluster.node(run, "notify").getOutputs()).containsEntry("status", "Failed");
    });
    assertThat(cluster.jobNamesOf("notified")).containsExactlyInAnyOrder("notified-a-1", "notified-notify-1");
  }

  @Test
  void aRetryRunsTheFinallyNodesAgainAfterTheMainPart() {
    createWithFinally("again");
    jobController.fail(cluster.awaitJob("again-a-1").getMetadata().getName(), 1, "boom");
    jobController.succeed(cluster.awaitJob("again-notify-1").getMetadata().getName(), "status=Failed\n");
    cluster.awaitRun("again", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("again").edit(edited -> {
      edited.getSpec().setRetry(1);
      return edited;
    });
    jobController.succeed(cluster.awaitJob("again-a-2").getMetadata().getName(), "");
    jobController.succeed(cluster.awaitJob("again-b-1").getMetadata().getName(), "");
    Job notify = cluster.awaitJob("again-notify-2");
    assertThat(notify.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand().get(2))
        .isEqualTo("echo status=Succeeded a=Succeeded b=Succeeded");
    jobController.succeed("again-notify-2", "status=Succeeded\n");

    cluster.awaitRun("again", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
      assertThat(FlowlineCluster.node(run, "notify").getOutputs()).containsEntry("status", "Succeeded");
    });
  }

  @Test
  void aCancelledRunNeverStartsItsFinallyNodes() {
    createWithFinally("cancelled");
    cluster.awaitJob("cancelled-a-1");

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("cancelled")
        .edit(edited -> {
          edited.getSpec().setState(DesiredRunState.Cancelled);
          return edited;
        });

    cluster.awaitRun("cancelled", run -> {
      assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);
      assertThat(run.getStatus().getFinallyStatus()).isNull();
      assertThat(run.getStatus().getNodes()).extracting(node -> node.getName()).containsExactly("a");
    });
    assertThat(cluster.jobNamesOf("cancelled")).doesNotContain("cancelled-notify-1");
  }
}
