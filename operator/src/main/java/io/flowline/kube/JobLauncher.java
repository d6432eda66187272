package io.flowline.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.PipelineRun;
import io.flowline.engine.LaunchOutcome;

/**
 * Creates a node attempt's Job and turns the API server's answer into an observation for the planner. A transient
 * error (429, 5xx, connection) is thrown: the step is retried with backoff, and the Jobs it did create are adopted
 * then, because their names are deterministic.
 */
public final class JobLauncher {
  private final KubernetesClient client;

  public JobLauncher(KubernetesClient client) {
    this.client = client;
  }

  public LaunchOutcome launch(PipelineRun run, Job job) {
    String namespace = run.getMetadata().getNamespace();
    String name = job.getMetadata().getName();
    try {
      client.batch().v1().jobs().inNamespace(namespace).resource(job).create();
      return LaunchOutcome.created();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        if (ApiErrors.isPermanent(e)) {
          return LaunchOutcome.rejected("creating Job " + name + " was rejected: " + ApiErrors.message(e));
        }
        throw e;
      }
    }
    Job existing = client.batch().v1().jobs().inNamespace(namespace).withName(name).get();
    if (existing == null) {
      return LaunchOutcome.deferred("Job " + name + " is being deleted");
    }
    if (OwnedObjects.ownedBy(existing, run)) {
      // Ours from an earlier step that did not get to write status (operator restart, conflict): adopt it.
      return LaunchOutcome.created();
    }
    if (existing.getMetadata().getDeletionTimestamp() != null || ownerIsGone(existing, run)) {
      return LaunchOutcome.deferred("Job " + name + " of an earlier run of the same name is still being deleted");
    }
    return LaunchOutcome.clash("Job " + name + " already exists and is not owned by this run");
  }

  /** The Job belongs to a PipelineRun that no longer exists (a deleted run of the same name): GC removes it. */
  private boolean ownerIsGone(Job job, PipelineRun run) {
    OwnerReference owner = OwnedObjects.controller(job);
    if (owner == null || !run.getKind().equals(owner.getKind()) || !run.getApiVersion().equals(owner.getApiVersion())) {
      return false;
    }
    if (owner.getName().equals(run.getMetadata().getName())) {
      return true; // this run has the name now, with another UID
    }
    PipelineRun current = client.resources(PipelineRun.class).inNamespace(run.getMetadata().getNamespace())
        .withName(owner.getName()).get();
    return current == null || !owner.getUid().equals(current.getMetadata().getUid());
  }
}
