package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntryBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheTrimmingTest {
  private static ObjectMeta metadata() {
    return new ObjectMetaBuilder().withName("etl-1-load-1").withNamespace("data").withResourceVersion("42")
        .withUid("u1").withLabels(Map.of(FlowlineLabels.JOB_NAME, "etl-1-load-1"))
        .withAnnotations(Map.of(FlowlineLabels.RUN_NAME_ANNOTATION, "etl-1",
            CacheTrimming.LAST_APPLIED, "{\"a huge\": \"copy of the object\"}"))
        .addNewOwnerReference().withName("etl-1").withUid("r1").withController(true).endOwnerReference()
        .withManagedFields(new ManagedFieldsEntryBuilder().withManager("kubectl").build())
        .build();
  }

  @Test
  void aJobKeepsWhatTheInspectorAndTheMappersReadAndLosesItsPodTemplate() {
    Job job = new JobBuilder().withMetadata(metadata())
        .withNewSpec().withActiveDeadlineSeconds(600L)
          .withNewTemplate().withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36")
          .endContainer().endSpec().endTemplate()
        .endSpec()
        .withNewStatus().addNewCondition().withType("Complete").withStatus("True").endCondition().endStatus()
        .build();

    Job cached = CacheTrimming.job(job);

    assertThat(cached.getSpec().getTemplate()).isNull();
    assertThat(cached.getSpec().getActiveDeadlineSeconds()).isEqualTo(600L);
    assertThat(AttemptInspector.finished(cached)).isTrue();
    assertThat(cached.getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getUid()).isEqualTo("r1"));
    assertThat(cached.getMetadata().getManagedFields()).isNullOrEmpty();
    assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys(FlowlineLabels.RUN_NAME_ANNOTATION);
  }

  @Test
  void aScheduledPodKeepsOnlyItsNodeNameOfItsSpec() {
    Pod pod = new PodBuilder().withMetadata(metadata())
        .withNewSpec().withNodeName("worker-2").addNewContainer().withName("main").withImage("busybox:1.36")
        .endContainer().endSpec()
        .build();

    Pod cached = CacheTrimming.pod(pod);

    assertThat(cached.getSpec().getNodeName()).isEqualTo("worker-2");
    assertThat(cached.getSpec().getContainers()).isEmpty();
  }

  @Test
  void aPodKeepsItsStatusLabelsAndRunAnnotationAndLosesItsSpec() {
    Pod pod = new PodBuilder().withMetadata(metadata())
        .withNewSpec().addNewContainer().withName("main").withImage("busybox:1.36").endContainer().endSpec()
        .withNewStatus().addNewContainerStatus().withName("main").withNewState().withNewTerminated()
          .withExitCode(0).withMessage("rows=42").endTerminated().endState().endContainerStatus().endStatus()
        .build();

    Pod cached = CacheTrimming.pod(pod);

    assertThat(cached.getSpec()).isNull();
    assertThat(AttemptInspector.podSignal(cached)).isNotEmpty();
    assertThat(cached.getMetadata().getLabels()).containsKey(FlowlineLabels.JOB_NAME);
    assertThat(cached.getMetadata().getAnnotations()).containsOnlyKeys(FlowlineLabels.RUN_NAME_ANNOTATION);
  }

  @Test
  void aRunSummaryKeepsWhatThePipelinesStatusShows() {
    PipelineRun run = new PipelineRun();
    run.setMetadata(metadata());
    PipelineRunSpec spec = new PipelineRunSpec();
    PipelineRef ref = new PipelineRef();
    ref.setName("etl");
    spec.setPipelineRef(ref);
    spec.setCorrelationId("batch-7");
    run.setSpec(spec);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(RunPhase.Running);
    status.setStartTime("2025-08-22T10:00:00Z");
    status.setPipelineSpec(new PipelineSpec());
    status.setNodes(List.of(new NodeStatus("a"), new NodeStatus("b"), new NodeStatus("c")));
    run.setStatus(status);

    PipelineRun summary = CacheTrimming.runSummary(Serialization.clone(run));

    assertThat(summary.getSpec().getPipelineRef().getName()).isEqualTo("etl");
    assertThat(summary.getSpec().getCorrelationId()).isNull();
    assertThat(summary.getStatus().getPhase()).isEqualTo(RunPhase.Running);
    assertThat(summary.getStatus().getStartTime()).isEqualTo("2025-08-22T10:00:00Z");
    assertThat(summary.getStatus().getNodes()).as("one entry stands for a non-empty table").hasSize(1);
    assertThat(summary.getStatus().getPipelineSpec()).isNull();
    assertThat(summary.getMetadata().getName()).isEqualTo("etl-1-load-1");
    assertThat(summary.getMetadata().getResourceVersion()).isEqualTo("42");
  }
}
