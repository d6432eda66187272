package io.flowline.operator;

import static io.flowline.operator.FlowlineCluster.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.kube.FlowlineLabels;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the operator does with the API server's answers: rejected, failing, clashing creates and foreign objects. */
class ApiAnswersTest {
  private static final String PIPELINE = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: one}
      spec:
        nodes:
        - {name: work, image: busybox:1.36, command: [sh, -c, "true"]}
      """;

  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withoutOperator();
  private final FakeJobController jobController = cluster.jobController();

  private String jobsPath() {
    return "/apis/batch/v1/namespaces/" + cluster.namespace() + "/jobs";
  }

  private PipelineRun createRun(String name) {
    return cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec: {pipelineRef: {name: one}}
        """.formatted(name));
  }

  /** A Job labelled for run {@code runName} and owned by the PipelineRun of that name with {@code ownerUid}. */
  private Job createJob(String name, String runName, String ownerUid) {
    return cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).resource(new JobBuilder()
        .withNewMetadata().withName(name).addToLabels(FlowlineLabels.RUN, runName)
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("flowline.io/v1alpha1")
              .withKind("PipelineRun").withName(runName).withUid(ownerUid).withController(true).build())
        .endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36")
          .endContainer().withRestartPolicy("Never").endSpec().endTemplate().endSpec()
        .build()).create();
  }

  @Test
  void aJobCreateRejectedByTheApiServerFailsTheAttemptWithItsMessage() {
    cluster.createPipeline(PIPELINE);
    cluster.server().expect().post().withPath(jobsPath()).andReturn(403, new StatusBuilder().withCode(403)
        .withReason("Forbidden").withMessage("jobs one-1-work-1 is forbidden: exceeded quota: no-jobs")
        .build()).once();
    cluster.startOperator();
    createRun("one-1");

    PipelineRun done = cluster.awaitRun("one-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(node(done, "work").getReason()).isEqualTo("JobRejected");
    assertThat(node(done, "work").getMessage()).contains("exceeded quota: no-jobs");
    assertThat(done.getStatus().getMessage()).startsWith("node work failed: ").contains("exceeded quota");
    assertThat(cluster.jobsOf("one-1")).isEmpty();
    org.awaitility.Awaitility.await("events of one-1").atMost(FlowlineCluster.TIMEOUT).untilAsserted(() ->
        assertThat(cluster.eventsAbout("one-1")).extracting(event -> event.getReason())
            .contains("NodeFailed", "Failed").doesNotContain("NodeStarted"));
  }

  @Test
  void aServerErrorOnJobCreateIsRetriedAndNeverFailsTheRun() {
    cluster.createPipeline(PIPELINE);
    cluster.server().expect().post().withPath(jobsPath()).andReturn(500, new StatusBuilder().withCode(500)
        .withMessage("etcdserver: request timed out").build()).times(2);
    cluster.startOperator();
    createRun("one-2");

    cluster.awaitJob("one-2-work-1");
    jobController.succeed("one-2-work-1", "");
    PipelineRun done = cluster.awaitRun("one-2",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(node(done, "work").getAttempt()).isEqualTo(1);
  }

  @Test
  void aForeignConfigMapWithTheSnapshotNameIsLeftUntouchedAndTheRunFailsSayingWhy() {
    ConfigMap users = cluster.client().configMaps().inNamespace(cluster.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("big-1-spec").endMetadata().withData(Map.of("mine", "precious")).build())
        .create();
    cluster.startOperator();
    // An inline spec over the 256 KiB inline limit, so its snapshot goes to <run>-spec.
    String args = "x".repeat(300 * 1024);
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: big-1}
        spec:
          pipelineSpec:
            nodes:
            - {name: work, image: busybox:1.36, command: [sh, -c], args: ["%s"]}
        """.formatted(args));

    PipelineRun done = cluster.awaitRun("big-1",
        run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(done.getStatus().getMessage()).contains("ConfigMap big-1-spec already exists and is not owned");
    ConfigMap after = cluster.client().configMaps().inNamespace(cluster.namespace()).withName("big-1-spec").get();
    assertThat(after.getData()).containsExactly(Map.entry("mine", "precious"));
    assertThat(after.getMetadata().getOwnerReferences()).isEmpty();
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(users.getMetadata().getResourceVersion());
    assertThat(cluster.jobsOf("big-1")).isEmpty();
  }

  @Test
  void aRunThatEndsStopsItsJobsThatStatusNeverListed() {
    cluster.createPipeline(PIPELINE);
    PipelineRun run = createRun("one-3");
    // As if created just before a status write that was lost: the run's, by owner and label, not in status.
    Job stray = createJob("one-3-stray", "one-3", run.getMetadata().getUid());
    cluster.startOperator();

    cluster.awaitJob("one-3-work-1");
    jobController.fail("one-3-work-1", 3, "boom");
    cluster.awaitRun("one-3", r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    org.awaitility.Awaitility.await("stray Job deleted").atMost(FlowlineCluster.TIMEOUT)
        .until(() -> cluster.job(stray.getMetadata().getName()) == null);
  }

  @Test
  void aJobLeftByADeletedRunOfTheSameNameIsWaitedForNotReportedAsAClash() {
    cluster.createPipeline(PIPELINE);
    // The Job of an earlier run named one-4 (another UID), not garbage-collected yet.
    Job old = createJob("one-4-work-1", "one-4", "uid-of-the-deleted-run");
    cluster.startOperator();
    PipelineRun run = createRun("one-4");

    cluster.awaitRun("one-4", r -> {
      assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Running);
      assertThat(r.getStatus().getMessage()).contains("still being deleted");
      assertThat(r.getStatus().getNodes()).isEmpty();
    });
    cluster.client().resource(old).delete();
    Job mine = org.awaitility.Awaitility.await("the run's own Job").atMost(FlowlineCluster.TIMEOUT)
        .until(() -> cluster.job("one-4-work-1"), job -> job != null
            && job.getMetadata().getOwnerReferences().get(0).getUid().equals(run.getMetadata().getUid()));
    jobController.succeed(mine.getMetadata().getName(), "");
    cluster.awaitRun("one-4", r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(node(cluster.run("one-4"), "work").getPhase()).isEqualTo(NodePhase.Succeeded);
  }
}
