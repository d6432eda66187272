package io.flowline.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.PipelineRun;
import io.flowline.engine.LaunchOutcome;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Creates a node attempt's Job and turns the API server's answer into an observation for the planner. A transient
 * error (429, 5xx, connection) is thrown: the step is retried with backoff, and the Jobs it did create are adopted
 * then, because their names are deterministic.
 */
public final class JobLauncher {
  /** Creates in flight at once: a wide step starts its Jobs in parallel, as fast as the API server takes them. */
  static final int PARALLEL_CREATES = 8;
  private static final ExecutorService CREATES = Executors.newFixedThreadPool(PARALLEL_CREATES, task -> {
    Thread thread = new Thread(task, "flowline-job-create");
    thread.setDaemon(true);
    return thread;
  });

  private final KubernetesClient client;

  public JobLauncher(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Creates the Jobs, by node, in parallel; returns each one's outcome by node. A transient error is thrown once
   * every create has been tried: the ones that went through are adopted in the next step.
   */
  public Map<String, LaunchOutcome> launchAll(PipelineRun run, Map<String, Job> jobsByNode) {
    Map<String, Future<LaunchOutcome>> pending = new LinkedHashMap<>();
    jobsByNode.forEach((node, job) -> pending.put(node, CREATES.submit(() -> launch(run, job))));
    Map<String, LaunchOutcome> outcomes = new HashMap<>();
    RuntimeException failure = null;
    for (Map.Entry<String, Future<LaunchOutcome>> entry : pending.entrySet()) {
      try {
        outcomes.put(entry.getKey(), entry.getValue().get());
      } catch (ExecutionException e) {
        failure = failure != null ? failure
            : e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating Jobs", e);
      }
    }
    if (failure != null) {
      throw failure;
    }
    return outcomes;
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
