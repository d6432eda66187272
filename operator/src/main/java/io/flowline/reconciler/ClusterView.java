package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Optional;

/**
 * The Jobs and pods of one run, as the stepper needs them: from the informer caches first, from the API server
 * when the cache has not caught up. An interface so the stepper can be driven without informers.
 */
interface ClusterView {
  Optional<Job> job(String name);

  /** The newest pod of a Job, or null. */
  Pod pod(String jobName, boolean fresh);
}
