package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's guarantees when the cluster says no (README "Guarantees"): every failure ends in a named reason,
 * nothing foreign is touched, nothing keeps running after its run ended, and a finished run is left alone.
 */
class RunGuaranteesIT {
  /** Short, so a pod that is never created fails its attempt within the test's patience. */
  private static final Duration POD_START_GRACE = Duration.ofSeconds(15);

  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of("FLOWLINE_POD_START_GRACE", "15s"));

  private final Runs runs = new Runs(env);


  @Test
  void aJobTheApiServerRefusesFailsTheAttemptWithTheApiMessage() {
    ResourceQuota quota = env.client().resourceQuotas().inNamespace(env.namespace()).resource(
        new ResourceQuotaBuilder().withNewMetadata().withName("no-jobs").endMetadata()
            .withNewSpec().addToHard("count/jobs.batch", new Quantity("0")).endSpec().build()).create();
    try {
      awaitQuotaEnforced();
      runs.create(Runs.inlineRun("refused", "- {name: work, image: busybox:1.36, command: [sh, -c, \"true\"]}"));

      PipelineRun run = runs.awaitFinished("refused");
      assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Failed);
      NodeStatus work = runs.node(run, "work");
      assertThat(work.getReason()).isEqualTo("JobRejected");
      assertThat(work.getMessage()).contains("forbidden").contains("no-jobs");
      assertThat(run.getStatus().getMessage()).startsWith("node work failed:");
      assertThat(runs.jobs("refused")).isEmpty();
      runs.assertSettled("refused");
    } finally {
      env.client().resource(quota).delete();
    }
  }

  /**
   * The apiserver's quota admission reads quotas from a cache that may have remembered "no quota here" for up to
   * 30 s (its live-lookup TTL), so a Job created right away could pass. A dry-run create goes through the same
   * admission without creating anything; once it is refused, the operator's create will be too.
   */
  private void awaitQuotaEnforced() {
    Job probe = new JobBuilder().withNewMetadata().withName("quota-probe").endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never")
          .addNewContainer().withName("main").withImage("busybox:1.36").endContainer()
        .endSpec().endTemplate().endSpec().build();
    env.await("the no-jobs quota to be enforced").atMost(Duration.ofSeconds(90)).until(() -> {
      try {
        env.client().batch().v1().jobs().inNamespace(env.namespace()).resource(probe).dryRun().create();
        return false;
      } catch (KubernetesClientException refused) {
        return refused.getCode() == 403;
      }
    });
  }

  @Test
  void aPodThatIsNeverCreatedFailsTheAttemptWithTheJobControllersReason() {
    runs.create(Runs.inlineRun("no-pod",
        "- {name: work, image: busybox:1.36, serviceAccountName: no-such-sa, command: [sh, -c, \"true\"]}"));

    PipelineRun run = env.await("run no-pod to fail").atMost(POD_START_GRACE.plus(E2eEnvironment.RUN_DEADLINE))
        .until(() -> runs.get("no-pod"), r -> r.getStatus() != null && r.getStatus().getPhase() == RunPhase.Failed);
    NodeStatus work = runs.node(run, "work");
    assertThat(work.getReason()).as(runs.describe(run)).isEqualTo("FailedCreate");
    assertThat(work.getMessage()).contains("no-such-sa");
    assertThat(runs.pods("no-pod")).isEmpty();
    runs.assertSettled("no-pod");
  }

  @Test
  void aConfigMapThatIsNotTheRunsIsNeverOverwrittenNorDeletedWithTheRun() {
    ConfigMap users = env.client().configMaps().inNamespace(env.namespace()).resource(new ConfigMapBuilder()
        .withNewMetadata().withName("huge-spec").endMetadata().withData(Map.of("notes", "mine")).build()).create();
    // Over the 256 KiB inline snapshot limit, so the snapshot would go to the ConfigMap <run>-spec.
    runs.create(Runs.inlineRun("huge", "- {name: work, image: busybox:1.36, command: [sh, -c], args: [\"true %s\"]}"
        .formatted("x".repeat(300 * 1024))));

    PipelineRun run = runs.awaitFinished("huge");
    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(run.getStatus().getMessage()).contains("ConfigMap huge-spec already exists and is not owned");
    assertThat(runs.jobs("huge")).isEmpty();
    runs.assertSettled("huge");

    env.client().resource(run).withTimeout(60, java.util.concurrent.TimeUnit.SECONDS).delete();
    ConfigMap after = env.client().configMaps().inNamespace(env.namespace()).withName("huge-spec").get();
    assertThat(after).as("the user's ConfigMap survives the run").isNotNull();
    assertThat(after.getData()).containsExactly(Map.entry("notes", "mine"));
    assertThat(after.getMetadata().getResourceVersion()).isEqualTo(users.getMetadata().getResourceVersion());
  }

  @Test
  void aRunThatEndsStopsEveryJobOfItsOwnEvenOneStatusNeverListed() {
    PipelineRun run = runs.create(Runs.inlineRun("stray",
        "- {name: slow, image: busybox:1.36, command: [sh, -c, \"sleep 5; exit 3\"]}"));
    // A Job of the run that status does not know, as after a status write lost to a conflict.
    Job stray = env.client().batch().v1().jobs().inNamespace(env.namespace()).resource(new JobBuilder()
        .withNewMetadata().withName("stray-extra").addToLabels(Runs.RUN_LABEL, "stray")
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(run.getApiVersion()).withKind(run.getKind())
              .withName("stray").withUid(run.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewSpec().withRestartPolicy("Never")
          .addNewContainer().withName("main").withImage("busybox:1.36").withCommand("sleep", "3600").endContainer()
        .endSpec().endTemplate().endSpec().build()).create();

    PipelineRun ended = runs.awaitFinished("stray");
    assertThat(ended.getStatus().getPhase()).as(runs.describe(ended)).isEqualTo(RunPhase.Failed);
    env.await("the stray Job to be stopped").atMost(Duration.ofSeconds(60)).until(() -> {
      Job job = env.client().batch().v1().jobs().inNamespace(env.namespace()).withName("stray-extra").get();
      return job == null || job.getMetadata().getDeletionTimestamp() != null;
    });
    assertThat(stray.getMetadata().getName()).isEqualTo("stray-extra");
    runs.assertSettled("stray");
  }

  @Test
  void aRunCreatedAgainUnderTheSameNameWaitsForTheOldJobsInsteadOfFailing() {
    String yaml = Runs.inlineRun("again", "- {name: work, image: busybox:1.36, command: [sh, -c, \"true\"]}");
    PipelineRun first = runs.create(yaml);
    assertThat(runs.awaitFinished("again").getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    // Hold the old Job in deletion, as a slow garbage collector would.
    env.client().batch().v1().jobs().inNamespace(env.namespace()).withName("again-work-1")
        .edit(job -> new JobBuilder(job).editMetadata().addToFinalizers("flowline.io/test-hold").endMetadata()
            .build());
    env.client().resource(first).delete();
    env.await("run again to be deleted").atMost(Duration.ofSeconds(60)).until(() -> runs.get("again") == null);

    PipelineRun second = runs.create(yaml);
    env.await("the new run to wait for the old Job").atMost(Duration.ofSeconds(60)).until(() -> runs.get("again"),
        r -> r.getStatus() != null && r.getStatus().getMessage() != null
            && r.getStatus().getMessage().contains("still being deleted"));
    assertThat(runs.get("again").getStatus().getPhase()).isEqualTo(RunPhase.Running);

    env.client().batch().v1().jobs().inNamespace(env.namespace()).withName("again-work-1")
        .edit(job -> new JobBuilder(job).editMetadata().withFinalizers(List.of()).endMetadata().build());
    PipelineRun done = runs.awaitFinished("again");
    assertThat(done.getStatus().getPhase()).as(runs.describe(done)).isEqualTo(RunPhase.Succeeded);
    assertThat(done.getMetadata().getUid()).isEqualTo(second.getMetadata().getUid());
    runs.assertSettled("again");
  }
}
