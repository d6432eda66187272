package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A run owns its Jobs and their Pods: deleting the run leaves nothing of it behind. */
class GarbageCollectionIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private final Runs runs = new Runs(env);

  @Test
  void deletingAFinishedRunDeletesItsJobsAndPods() {
    String run = Example.HELLO.apply(env);
    runs.awaitFinished(run);
    // Otherwise "nothing left" below would prove nothing.
    assertThat(runs.jobs(run)).as("Jobs of %s before deletion", run).isNotEmpty();
    assertThat(runs.pods(run)).as("Pods of %s before deletion", run).isNotEmpty();

    env.kubectl("delete", "plr", run);

    // Kubernetes' garbage collector does the deleting, through the owner references; it takes a few seconds.
    env.await("Jobs and Pods of " + run + " to be deleted").atMost(E2eEnvironment.RUN_DEADLINE).untilAsserted(() -> {
      assertThat(runs.jobs(run)).as("Jobs labelled %s=%s", Runs.RUN_LABEL, run).isEmpty();
      assertThat(runs.pods(run)).as("Pods labelled %s=%s", Runs.RUN_LABEL, run).isEmpty();
    });
  }
}
