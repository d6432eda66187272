package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.AttemptObservation.AttemptState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunObserverTest {
  private static final Instant CREATED = Instant.parse("2025-08-22T10:00:00Z");
  private static final Duration GRACE = Duration.ofMinutes(5);

  private final RunObserver observer = new RunObserver(GRACE);

  /** A run with one Job and no pod; counts the reads of events. */
  private static final class PodlessCluster implements ClusterView {
    final List<String> eventReads = new ArrayList<>();

    @Override
    public Optional<Job> job(String name, boolean fresh) {
      return Optional.of(new JobBuilder().withNewMetadata().withName(name)
          .withCreationTimestamp(CREATED.toString()).endMetadata().build());
    }

    @Override
    public Pod pod(String jobName, boolean fresh) {
      return null;
    }

    @Override
    public Optional<String> podCreationFailure(String jobName) {
      eventReads.add(jobName);
      return Optional.of("Error creating: serviceaccount \"ghost\" not found");
    }

    @Override
    public Collection<Job> cachedJobs() {
      return List.of();
    }
  }

  private static NodeStatus running(String name) {
    NodeStatus node = new NodeStatus(name);
    node.setPhase(NodePhase.Running);
    node.setAttempt(1);
    return node;
  }

  @Test
  void aJobWithoutAPodWithinTheGraceIsRunningAndLookedAtAgainWhenTheGraceEnds() {
    PodlessCluster cluster = new PodlessCluster();
    Map<String, AttemptObservation> seen = observer.observe("run", List.of(running("work")), cluster,
        CREATED.plusSeconds(30));

    assertThat(seen.get("work").state()).isEqualTo(AttemptState.RUNNING);
    assertThat(seen.get("work").stuckSince()).isNull();
    assertThat(seen.get("work").recheckAt()).isEqualTo(CREATED.plus(GRACE));
    assertThat(cluster.eventReads).as("no event LIST before the grace ends").isEmpty();
  }

  @Test
  void aJobStillWithoutAPodAfterTheGraceIsStuckWithTheJobControllersReason() {
    PodlessCluster cluster = new PodlessCluster();
    Map<String, AttemptObservation> seen = observer.observe("run", List.of(running("work")), cluster,
        CREATED.plus(GRACE));

    AttemptObservation work = seen.get("work");
    assertThat(work.reason()).isEqualTo("FailedCreate");
    assertThat(work.message()).contains("serviceaccount \"ghost\" not found");
    assertThat(work.stuckSince()).isEqualTo(CREATED);
    assertThat(cluster.eventReads).containsExactly("run-work-1");
  }

  /** A run whose Job the cache does not have; counts the live reads. */
  private static final class CacheMissCluster implements ClusterView {
    final List<String> liveReads = new ArrayList<>();

    @Override
    public Optional<Job> job(String name, boolean fresh) {
      if (fresh) {
        liveReads.add(name);
      }
      return Optional.empty();
    }

    @Override
    public Pod pod(String jobName, boolean fresh) {
      return null;
    }

    @Override
    public Optional<String> podCreationFailure(String jobName) {
      return Optional.empty();
    }

    @Override
    public Collection<Job> cachedJobs() {
      return List.of();
    }
  }

  private static NodeStatus runningSince(String name, Instant start) {
    NodeStatus node = running(name);
    node.setStartTime(start.toString());
    return node;
  }

  @Test
  void aJobJustCreatedAndNotYetInTheCacheIsRunningWithoutALiveRead() {
    CacheMissCluster cluster = new CacheMissCluster();
    Map<String, AttemptObservation> seen = observer.observe("run", List.of(runningSince("work", CREATED)), cluster,
        CREATED.plusSeconds(2));

    assertThat(seen.get("work").state()).isEqualTo(AttemptState.RUNNING);
    assertThat(seen.get("work").recheckAt()).isEqualTo(CREATED.plus(RunObserver.CACHE_CATCH_UP));
    assertThat(cluster.liveReads).isEmpty();
  }

  @Test
  void aJobStillMissingAfterTheCatchUpTimeIsLookedUpLiveAndThenMissing() {
    CacheMissCluster cluster = new CacheMissCluster();
    Map<String, AttemptObservation> seen = observer.observe("run", List.of(runningSince("work", CREATED)), cluster,
        CREATED.plus(RunObserver.CACHE_CATCH_UP));

    assertThat(seen.get("work").state()).isEqualTo(AttemptState.MISSING);
    assertThat(cluster.liveReads).containsExactly("run-work-1");
  }
}
