package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** spec.skipNodes and spec.retry: which nodes skip, reset and start again, and which requests are refused. */
class RunControlRulesTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private final RunPlanner planner = new RunPlanner(Duration.ofMinutes(5));

  /** a -> b -> c, and d alone. */
  private static RunSnapshot chain(List<String> skipNodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(node("a"), node("b", "a"), node("c", "b"), node("d"))));
    return new RunSnapshot("run", spec, T0, DesiredRunState.Running, null, skipNodes);
  }

  private static NodeStatus status(String name, NodePhase phase, int attempt) {
    NodeStatus status = new NodeStatus(name);
    status.setPhase(phase);
    status.setAttempt(attempt);
    status.setStartTime(Timestamps.format(T0));
    if (phase.isFinished() || phase == NodePhase.Waiting) {
      status.setCompletionTime(Timestamps.format(T0.plusSeconds(5)));
    }
    return status;
  }

  private static NodeStatus find(RunDecision decision, String name) {
    return decision.nodes().stream().filter(n -> n.getName().equals(name)).findFirst().orElseThrow();
  }

  private static List<String> launched(RunDecision decision) {
    return decision.launches().stream().map(launch -> launch.node() + "-" + launch.attempt()).toList();
  }

  @Test
  void aSkippedNodeThatNeverStartedLetsItsDependentStartWithoutAJobOfItsOwn() {
    RunDecision decision = planner.plan(chain(List.of("b")), List.of(status("a", NodePhase.Succeeded, 1)), Map.of(),
        T0.plusSeconds(10));

    assertThat(find(decision, "b").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(find(decision, "b").getAttempt()).as("it never ran").isZero();
    assertThat(launched(decision)).containsExactlyInAnyOrder("c-1", "d-1");
    assertThat(decision.refusals()).isEmpty();
    assertThat(decision.events()).extracting(PlannedEvent::reason).contains("NodeSkipped");
  }

  @Test
  void skipNodesSetAtCreationSkipsARootAndTheRunSucceedsAroundIt() {
    RunDecision first = planner.plan(chain(List.of("a", "d")), List.of(), Map.of(), T0);
    assertThat(launched(first)).containsExactly("b-1");

    List<NodeStatus> table = new ArrayList<>(first.nodes());
    table.replaceAll(node -> node.getName().equals("b") ? status("b", NodePhase.Succeeded, 1) : node);
    table.add(status("c", NodePhase.Succeeded, 1));
    RunDecision last = planner.plan(chain(List.of("a", "d")), table, Map.of(), T0.plusSeconds(20));
    assertThat(last.outcome().phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(last.progress()).isEqualTo("4/4");
  }

  @Test
  void aNodeWaitingForARetryCanBeSkipped() {
    RunDecision decision = planner.plan(chain(List.of("d")), List.of(status("a", NodePhase.Running, 1),
        status("d", NodePhase.Waiting, 1)), Map.of(), T0.plusSeconds(10));

    assertThat(find(decision, "d").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(find(decision, "d").getAttempt()).as("the attempt that ran stays recorded").isEqualTo(1);
    assertThat(launched(decision)).isEmpty();
  }

  @ParameterizedTest(name = "{0} {1}: refused")
  @CsvSource({
      "a, Running, node a has already started",
      "a, Succeeded, node a has already started",
      "x, Running, the pipeline has no node x",
  })
  void skippingANodeThatRunsOrRanOrDoesNotExistIsRefusedNamingTheField(String listed, NodePhase phaseOfA,
      String why) {
    RunDecision decision = planner.plan(chain(List.of(listed)), List.of(status("a", phaseOfA, 1)), Map.of(),
        T0.plusSeconds(10));

    assertThat(decision.refusals()).singleElement().asString().startsWith("spec.skipNodes: ").contains(why);
    assertThat(find(decision, "a").getPhase()).isEqualTo(phaseOfA);
  }

  @Test
  void aNodeResetByRetryStartsItsNextAttemptOnceItsDependenciesAllowIt() {
    List<NodeStatus> table = new ArrayList<>(List.of(status("a", NodePhase.Succeeded, 1),
        status("b", NodePhase.Failed, 2), status("d", NodePhase.Cancelled, 1)));
    List<String> reset = RetryReset.reset(table, 1);

    assertThat(reset).containsExactly("b", "d");
    assertThat(table).extracting(NodeStatus::getPhase)
        .containsExactly(NodePhase.Succeeded, NodePhase.Pending, NodePhase.Pending);
    assertThat(table.get(1).getCompletionTime()).isNull();
    RunDecision decision = planner.plan(chain(List.of()), table, Map.of(), T0.plusSeconds(10));
    assertThat(launched(decision)).as("new attempts, never an old Job name").containsExactly("b-3", "d-2");
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
  }

  @Test
  void aResetNodeWaitsForAnUpstreamNodeThatIsResetToo() {
    List<NodeStatus> table = new ArrayList<>(List.of(status("a", NodePhase.Cancelled, 1),
        status("b", NodePhase.Cancelled, 1)));
    RetryReset.reset(table, 1);

    assertThat(launched(planner.plan(chain(List.of()), table, Map.of(), T0))).containsExactly("a-2", "d-1");
  }

  @Test
  void aNewAttemptOfAResetNodeThatFailsFailsTheRunAgainWithoutAutomaticRetries() {
    NodeStatus b = status("b", NodePhase.Running, 2);
    b.setCompletionTime(null);
    RunDecision decision = planner.plan(chain(List.of()), List.of(status("a", NodePhase.Succeeded, 1), b,
        status("d", NodePhase.Succeeded, 1)), Map.of("b", AttemptObservation.failed(1, "Error", "boom", T0)),
        T0.plusSeconds(10));

    assertThat(find(decision, "b").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void retryAndSkipTogetherSkipTheNodeThatFailed() {
    List<NodeStatus> table = new ArrayList<>(List.of(status("a", NodePhase.Succeeded, 1),
        status("b", NodePhase.Failed, 1), status("d", NodePhase.Succeeded, 1)));
    RetryReset.reset(table, 1);

    RunDecision decision = planner.plan(chain(List.of("b")), table, Map.of(), T0.plusSeconds(10));
    assertThat(find(decision, "b").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(launched(decision)).containsExactly("c-1");
  }

  @ParameterizedTest(name = "retry {0} after {1} on a {2} run ({3}, started {4}, state {5}): apply {6}")
  @CsvSource({
      "1, , Failed, Failed, true, , true, retry 1",
      "2, 1, Cancelled, Cancelled, true, Running, true, retry 2",
      "1, , Cancelled, Cancelled, true, Paused, true, retry 1",
      "1, 1, Failed, Failed, true, , , ",
      "0, , Failed, Failed, true, , , ",
      "1, , Running, Running, true, , false, the run is Running",
      "1, , Paused, Running, true, Paused, false, the run is Paused",
      "1, , Succeeded, Succeeded, true, , false, the run succeeded",
      "1, , Failed, InvalidParams, false, , false, never started (reason InvalidParams)",
      "1, , Failed, StatusTooLarge, true, , false, spec.rerunOf",
      "1, , Cancelled, Cancelled, true, Cancelled, false, spec.state is Cancelled; set it to Running",
      "1, , Cancelled, Stopped, true, Stopped, false, spec.state is Stopped",
  })
  void eachRetryIncrementIsAppliedToAFailedOrCancelledRunAndOtherwiseIgnoredWithWhy(Integer requested,
      Integer handled, RunPhase phase, String reason, boolean started, DesiredRunState desired, Boolean apply,
      String message) {
    Optional<RetryRequest.Verdict> verdict = RetryRequest.decide(requested, handled, phase, reason, started,
        desired);

    if (apply == null) {
      assertThat(verdict).as("no new request").isEmpty();
      return;
    }
    assertThat(verdict).get().satisfies(v -> {
      assertThat(v.apply()).isEqualTo(apply);
      assertThat(v.retry()).isEqualTo(requested);
      assertThat(v.message()).contains(message);
    });
  }

  @Test
  void aSkipRefusalIsAnnouncedOnceAndClearedWhenTheListNoLongerAsksForIt() {
    PipelineRunStatus status = new PipelineRunStatus();
    List<String> refusals = List.of("spec.skipNodes: node a is running");

    assertThat(ControlCondition.skipVerdict(status, refusals, T0)).get().extracting(PlannedEvent::reason)
        .isEqualTo("SkipRefused");
    assertThat(ControlCondition.skipVerdict(status, refusals, T0.plusSeconds(1))).as("same refusal").isEmpty();
    assertThat(Conditions.reason(status.getConditions(), ControlCondition.TYPE)).isEqualTo("SkipRefused");

    ControlCondition.skipVerdict(status, List.of(), T0.plusSeconds(2));
    assertThat(status.getConditions()).singleElement().satisfies(condition -> {
      assertThat(condition.getStatus()).isEqualTo("True");
      assertThat(condition.getReason()).isEqualTo("Accepted");
    });
  }

  @Test
  void noConditionAppearsUntilAControlRequestIsMade() {
    PipelineRunStatus status = new PipelineRunStatus();
    assertThat(ControlCondition.skipVerdict(status, List.of(), T0)).isEmpty();
    assertThat(status.getConditions()).isEmpty();
  }

  @Test
  void anIgnoredRetryIsRecordedAsHandledSoItNeverFiresLater() {
    PipelineRunStatus status = new PipelineRunStatus();
    RetryRequest.Verdict ignored = RetryRequest.decide(1, null, RunPhase.Running, "Running", true, null)
        .orElseThrow();

    PlannedEvent event = ControlCondition.retryDecided(status, ignored, null, T0);

    assertThat(event.reason()).isEqualTo("RetryIgnored");
    assertThat(status.getRetry()).isEqualTo(1);
    assertThat(RetryRequest.decide(1, status.getRetry(), RunPhase.Failed, "Failed", true, null)).isEmpty();
  }
}
