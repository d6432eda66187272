package io.flowline.operator;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.kube.FlowlineLabels;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Plays the Job controller and the kubelet on the mock server, which has neither: it ends a Job's one pod with a
 * terminated "main" container, then marks the Job Complete or Failed the way Kubernetes does.
 */
final class FakeJobController {
  private final FlowlineCluster cluster;

  /** Bound to the cluster, whose client only exists once a test runs. */
  FakeJobController(FlowlineCluster cluster) {
    this.cluster = cluster;
  }

  /** The container exits 0 after writing {@code terminationMessage} to /dev/termination-log. */
  void succeed(String jobName, String terminationMessage) {
    succeedOn(jobName, terminationMessage, null);
  }

  /** {@link #succeed}, its pod having run on the Kubernetes node {@code nodeName} (null: not recorded). */
  void succeedOn(String jobName, String terminationMessage, String nodeName) {
    Instant now = now();
    createTerminatedPod(jobName, 0, "Completed", terminationMessage, nodeName);
    updateStatus(jobName, new JobConditionBuilder().withType("Complete").withStatus("True")
        .withLastTransitionTime(now.toString()).build(), now, true);
  }

  /** The container exits with {@code exitCode}; Kubernetes gives a failed Job no completionTime. */
  void fail(String jobName, int exitCode, String terminationMessage) {
    Instant now = now();
    createTerminatedPod(jobName, exitCode, "Error", terminationMessage);
    updateStatus(jobName, new JobConditionBuilder().withType("Failed").withStatus("True")
        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
        .withLastTransitionTime(now.toString()).build(), null, false);
  }

  /** The runtime could not start the container (containerd's StartError, exit 128): the command never ran. */
  void failToStart(String jobName) {
    Instant now = now();
    createTerminatedPod(jobName, 128, "StartError", "failed to create containerd task: context canceled");
    updateStatus(jobName, new JobConditionBuilder().withType("Failed").withStatus("True")
        .withReason("BackoffLimitExceeded").withMessage("Job has reached the specified backoff limit")
        .withLastTransitionTime(now.toString()).build(), null, false);
  }

  private void createTerminatedPod(String jobName, int exitCode, String reason, String message) {
    createTerminatedPod(jobName, exitCode, reason, message, null);
  }

  private void createTerminatedPod(String jobName, int exitCode, String reason, String message, String nodeName) {
    KubernetesClient client = cluster.client();
    String namespace = cluster.namespace();
    Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).require();
    String runName = job.getMetadata().getAnnotations().get(FlowlineLabels.RUN_NAME_ANNOTATION);
    Pod pod = new PodBuilder()
        .withNewMetadata()
          .withName(jobName + "-x7k2p")
          .withNamespace(namespace)
          .withLabels(job.getSpec().getTemplate().getMetadata().getLabels())
          .addToLabels(FlowlineLabels.JOB_NAME, jobName)
          .withAnnotations(job.getSpec().getTemplate().getMetadata().getAnnotations())
          .addToAnnotations(FlowlineLabels.RUN_NAME_ANNOTATION, runName)
        .endMetadata()
        .withSpec(new PodSpecBuilder(job.getSpec().getTemplate().getSpec()).withNodeName(nodeName).build())
        .withNewStatus()
          .withPhase(exitCode == 0 ? "Succeeded" : "Failed")
          .addNewContainerStatus()
            .withName("main")
            .withNewState().withNewTerminated()
              .withExitCode(exitCode).withReason(reason).withMessage(message)
            .endTerminated().endState()
          .endContainerStatus()
        .endStatus()
        .build();
    client.pods().inNamespace(namespace).resource(pod).create();
  }

  private void updateStatus(String jobName, JobCondition condition, Instant completionTime, boolean succeeded) {
    cluster.client().batch().v1().jobs().inNamespace(cluster.namespace()).withName(jobName).editStatus(job -> new JobBuilder(job)
        .editOrNewStatus()
          .addToConditions(condition)
          .withCompletionTime(completionTime == null ? null : completionTime.toString())
          .withActive(0)
          .withSucceeded(succeeded ? 1 : 0)
          .withFailed(succeeded ? 0 : 1)
        .endStatus()
        .build());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
