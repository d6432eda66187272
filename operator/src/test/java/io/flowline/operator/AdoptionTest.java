package io.flowline.operator;

import static io.flowline.operator.FlowlineCluster.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowline.engine.JobNames;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Job with an attempt's name already exists: the operator's own from before a restart, or someone else's. */
class AdoptionTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withoutOperator();
  private final FakeJobController jobController = cluster.jobController();

  @BeforeEach
  void pipeline() {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: nightly}
        spec:
          nodes:
          - {name: work, image: busybox:1.36, command: [sh, -c, "sleep 60"]}
        """);
  }

  @Test
  void restartedOperatorAdoptsTheJobItCreatedBefore() {
    PipelineRun run = createRun("nightly-1");
    // Created by the previous operator process, which stopped before it wrote the run's status.
    Job before = createJob("nightly-1-work-1", "nightly-1", ownerReference(run));

    cluster.startOperator();

    PipelineRun running = cluster.awaitRun("nightly-1",
        r -> assertThat(node(r, "work").getPhase()).isEqualTo(NodePhase.Running));
    assertThat(running.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(JobNames.jobOf("nightly-1", node(running, "work"))).isEqualTo("nightly-1-work-1");
    assertThat(node(running, "work").getReason()).isNull();
    assertThat(cluster.jobsOf("nightly-1")).singleElement()
        .satisfies(job -> assertThat(job.getMetadata().getUid()).isEqualTo(before.getMetadata().getUid()));

    jobController.succeed("nightly-1-work-1", "");

    PipelineRun done = cluster.awaitRun("nightly-1",
        r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    assertThat(node(done, "work").getAttempt()).isEqualTo(1);
    assertThat(cluster.eventsAbout("nightly-1")).as("adopting its own Job is no error")
        .noneMatch(event -> "Warning".equals(event.getType()));
  }

  @Test
  void jobOfTheSameNameOwnedBySomeoneElseFailsTheNode() {
    PipelineRun other = createRun("other");
    Job foreign = createJob("nightly-2-work-1", "other", ownerReference(other));
    cluster.startOperator();

    createRun("nightly-2");

    PipelineRun failed = cluster.awaitRun("nightly-2",
        r -> assertThat(r.getStatus().getPhase()).isEqualTo(RunPhase.Failed));
    assertThat(node(failed, "work").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(node(failed, "work").getReason()).isEqualTo("JobNameClash");
    assertThat(node(failed, "work").getMessage()).contains("nightly-2-work-1");
    assertThat(cluster.job("nightly-2-work-1").getMetadata().getUid()).as("the foreign Job is left alone")
        .isEqualTo(foreign.getMetadata().getUid());
  }

  private PipelineRun createRun(String name) {
    return cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: nightly}
        """.formatted(name));
  }

  private static OwnerReference ownerReference(PipelineRun run) {
    return new OwnerReferenceBuilder().withApiVersion("flowline.io/v1alpha1").withKind("PipelineRun")
        .withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
        .withController(true).withBlockOwnerDeletion(true).build();
  }

  /** A Job as the operator creates it for node work, attempt 1, that has not started a pod yet. */
  private Job createJob(String name, String runLabel, OwnerReference owner) {
    Map<String, String> labels = Map.of("flowline.io/pipeline", "nightly", "flowline.io/run", runLabel,
        "flowline.io/node", "work", "flowline.io/attempt", "1");
    Map<String, String> annotations = Map.of("flowline.io/run-name", runLabel);
    Job job = new JobBuilder()
        .withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations)
          .withOwnerReferences(owner).endMetadata()
        .withNewSpec().withBackoffLimit(0).withCompletions(1).withParallelism(1)
          .withNewTemplate()
            .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
            .withNewSpec().withRestartPolicy("Never")
              .addNewContainer().withName("main").withImage("busybox:1.36").withCommand("sh", "-c", "sleep 60")
              .endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
    return cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).resource(job).create();
  }
}
