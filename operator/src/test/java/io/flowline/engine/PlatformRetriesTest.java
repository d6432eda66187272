package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An attempt the platform ended (StartError, eviction, preemption) is retried outside the node's retry budget. */
class PlatformRetriesTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private final RunPlanner planner = new RunPlanner(Duration.ofMinutes(5), 2);

  private static RunSnapshot run(Integer retryLimit, NodeSpec... extra) {
    NodeSpec work = new NodeSpec();
    work.setName("work");
    work.setImage("busybox:1.36");
    if (retryLimit != null) {
      work.setRetry(new RetrySpec(retryLimit, "1m"));
    }
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(work)));
    spec.getNodes().addAll(List.of(extra));
    return new RunSnapshot("run", spec, T0);
  }

  private static NodeStatus running(int attempt, int platformRetries) {
    NodeStatus status = new NodeStatus("work");
    status.setPhase(NodePhase.Running);
    status.setAttempt(attempt);
    status.setPlatformRetries(platformRetries);
    status.setStartTime(Timestamps.format(T0));
    return status;
  }

  private static AttemptObservation startError() {
    return AttemptObservation.failedByPlatform(128, "StartError", "failed to create containerd task", T0);
  }

  @Test
  void aStartErrorStartsTheNextAttemptAtOnceWithoutUsingTheNodesRetries() {
    RunDecision decision = planner.plan(run(null), List.of(running(1, 0)), Map.of("work", startError()),
        T0.plusSeconds(1));

    assertThat(decision.launches()).extracting(NodeLaunch::jobName).containsExactly("run-work-2");
    NodeStatus work = decision.nodes().get(0);
    assertThat(work.getPhase()).isEqualTo(NodePhase.Running);
    assertThat(work.getPlatformRetries()).isEqualTo(1);
    assertThat(work.getPlatformReason()).isEqualTo("StartError");
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(decision.events()).extracting(PlannedEvent::message)
        .anyMatch(message -> message.contains("ended by the platform") && message.contains("platform retry 1 of 2"));
  }

  @Test
  void pastTheOperatorsLimitAPlatformFailureCountsAsTheNodesOwn() {
    RunDecision decision = planner.plan(run(null), List.of(running(3, 2)), Map.of("work", startError()),
        T0.plusSeconds(1));

    assertThat(decision.nodes().get(0).getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void theNodesOwnRetriesStayIntactAfterPlatformRetries() {
    // Attempt 3 after two platform retries is the node's first own attempt: its one retry is still there.
    RunDecision decision = planner.plan(run(1), List.of(running(3, 2)),
        Map.of("work", AttemptObservation.failed(1, "Error", "boom", T0)), T0.plusSeconds(1));

    NodeStatus work = decision.nodes().get(0);
    assertThat(work.getPhase()).isEqualTo(NodePhase.Waiting);
    assertThat(decision.wakeUpAt()).as("the node's own delay, counted from its first retry")
        .contains(T0.plus(Duration.ofMinutes(1)));
  }

  @Test
  void aPlatformFailureWhileTheRunFailsFastStartsNothingNew() {
    NodeSpec other = new NodeSpec();
    other.setName("other");
    other.setImage("busybox:1.36");
    NodeStatus otherRunning = running(1, 0);
    otherRunning.setName("other");

    RunDecision decision = planner.plan(run(null, other), List.of(running(1, 0), otherRunning),
        Map.of("work", startError(), "other", AttemptObservation.failed(1, "Error", "boom", T0)), T0.plusSeconds(1));

    assertThat(decision.launches()).isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.nodes()).noneMatch(node -> node.getPhase() == NodePhase.Pending
        || node.getPhase() == NodePhase.Running || node.getPhase() == NodePhase.Waiting);
  }
}
