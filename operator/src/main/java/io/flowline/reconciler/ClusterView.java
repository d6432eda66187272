package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.List;
import java.util.Optional;

/**
 * The Jobs and pods of one run, as the stepper needs them: from the informer caches first, from the API server
 * when the cache has not caught up. An interface so the stepper can be driven without informers.
 */
interface ClusterView {
  Optional<Job> job(String name);

  /** The newest pod of a Job, or null. */
  Pod pod(String jobName, boolean fresh);

  /** Why the Job controller could not create the Job's pod (its newest FailedCreate event), if it said so. */
  Optional<String> podCreationFailure(String jobName);

  /** Every Job of the run by its label, read live: the cache may not have a Job created a moment ago. */
  List<Job> allJobsOfRun();
}
