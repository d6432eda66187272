package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.Collection;
import java.util.Optional;

/**
 * The Jobs and pods of one run, as the stepper needs them: from the informer caches first, from the API server
 * when the cache has not caught up. An interface so the stepper can be driven without informers.
 */
interface ClusterView {
  /** A Job by name: from the cache, or with {@code fresh} from the API server when the cache lacks it. */
  Optional<Job> job(String name, boolean fresh);

  /** The newest pod of a Job, or null. */
  Pod pod(String jobName, boolean fresh);

  /** Why the Job controller could not create the Job's pod (its newest FailedCreate event), if it said so. */
  Optional<String> podCreationFailure(String jobName);

  /**
   * Every Job of the run in the informer cache. The cache follows the watch, so it lags the API server by moments
   * only: a Job created in an earlier step is there; the stepper adds the ones it created in this step itself.
   */
  Collection<Job> cachedJobs();

  /** The Kubernetes node of the run's earliest pod in the cache that has been scheduled, if any. */
  default Optional<String> scheduledNode() {
    return Optional.empty();
  }
}
