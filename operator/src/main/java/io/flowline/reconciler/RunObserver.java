package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.JobNames;
import io.flowline.engine.Timestamps;
import io.flowline.kube.AttemptInspector;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns what the cluster shows of a run's running attempts into the planner's observations. */
final class RunObserver {
  static final String POD_NOT_CREATED = "FailedCreate";
  /** How long a Job just created may be missing from the informer cache before it is looked up live. */
  static final Duration CACHE_CATCH_UP = Duration.ofSeconds(10);

  private final AttemptInspector inspector = new AttemptInspector();
  private final Duration podStartGracePeriod;

  RunObserver(Duration podStartGracePeriod) {
    this.podStartGracePeriod = podStartGracePeriod;
  }

  Map<String, AttemptObservation> observe(String runName, List<NodeStatus> nodes, ClusterView cluster,
      Instant now) {
    Map<String, AttemptObservation> observations = new HashMap<>();
    for (NodeStatus node : nodes) {
      if (node.getPhase() != NodePhase.Running || node.isFanOut()) {
        continue;
      }
      String jobName = JobNames.jobOf(runName, node);
      Optional<Job> job = cluster.job(jobName, false);
      Instant started = Timestamps.parse(node.getStartTime());
      if (job.isEmpty() && started != null && now.isBefore(started.plus(CACHE_CATCH_UP))) {
        // Created moments ago and not in the cache yet: the watch brings it. A live read per new node would be
        // the hot path's only read; after the catch-up time the Job is looked up live, to tell a deleted one.
        observations.put(node.getName(), AttemptObservation.runningUntil(started.plus(CACHE_CATCH_UP)));
        continue;
      }
      if (job.isEmpty()) {
        job = cluster.job(jobName, true);
      }
      if (job.isEmpty()) {
        observations.put(node.getName(), AttemptObservation.missing());
        continue;
      }
      Pod pod = cluster.pod(jobName, false);
      if (inspector.needsFreshPod(job.get(), pod) || podOverdue(job.get(), pod, now)) {
        pod = cluster.pod(jobName, true);
      }
      AttemptObservation seen = inspector.observe(job.get(), pod, now);
      if (pod == null && seen.state() == AttemptObservation.AttemptState.RUNNING && podOverdue(job.get(), null, now)) {
        // The Job controller never made a pod (missing service account, quota, admission): it says why in events.
        String why = cluster.podCreationFailure(jobName).orElse("no pod was created for Job " + jobName);
        seen = AttemptObservation.stuck(POD_NOT_CREATED, why, created(job.get(), now));
      } else if (pod == null && seen.state() == AttemptObservation.AttemptState.RUNNING) {
        seen = AttemptObservation.runningUntil(created(job.get(), now).plus(podStartGracePeriod));
      }
      observations.put(node.getName(), seen);
    }
    return observations;
  }

  /** A Job without a pod for longer than the pod start grace: only then are events read, once per such step. */
  private boolean podOverdue(Job job, Pod pod, Instant now) {
    return pod == null && !now.isBefore(created(job, now).plus(podStartGracePeriod));
  }

  private static Instant created(Job job, Instant now) {
    return Optional.ofNullable(Timestamps.parse(job.getMetadata().getCreationTimestamp())).orElse(now);
  }
}
