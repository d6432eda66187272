package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.api.WhenCondition;
import io.flowline.api.WhenOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the planner applies {@code when} and runs the finally part. */
class WhenFinallyPlannerTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private final RunPlanner planner = new RunPlanner(Duration.ofMinutes(5));

  private static PipelineSpec spec(List<NodeSpec> nodes, List<NodeSpec> finallyNodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(nodes));
    spec.setFinallyNodes(new ArrayList<>(finallyNodes));
    return spec;
  }

  private static RunSnapshot run(PipelineSpec spec, DesiredRunState desired, FinallyState state, String mode) {
    return new RunSnapshot("run", spec, T0, desired, null, List.of(), List.of(new ParamValue("mode", mode)))
        .withFinally(state).withValues(new RunValues("run", "ns", "uid", "", "pl"));
  }

  private static RunSnapshot run(PipelineSpec spec, FinallyState state) {
    return run(spec, DesiredRunState.Running, state, "full");
  }

  private static NodeSpec when(NodeSpec node, String input, WhenOperator operator, String... values) {
    node.setWhen(new ArrayList<>(List.of(new WhenCondition(input, operator, Arrays.asList(values)))));
    return node;
  }

  private static NodeStatus status(String name, NodePhase phase, int attempt) {
    NodeStatus status = new NodeStatus(name);
    status.setPhase(phase);
    status.setAttempt(attempt);
    status.setStartTime(Timestamps.format(T0));
    if (phase.isFinished()) {
      status.setCompletionTime(Timestamps.format(T0.plusSeconds(1)));
    }
    return status;
  }

  private static NodeStatus find(RunDecision decision, String name) {
    return decision.nodes().stream().filter(n -> n.getName().equals(name)).findFirst().orElse(null);
  }

  private static List<String> launched(RunDecision decision) {
    return decision.launches().stream().map(NodeLaunch::node).toList();
  }

  // ---- when

  @Test
  void aNodeWhoseConditionFailsIsSkippedNeverLaunchedAndItsDependentStartsInTheSameStep() {
    NodeSpec a = node("a");
    NodeSpec full = when(node("full", "a"), "$(params.mode)", WhenOperator.in, "full");
    NodeSpec delta = when(node("delta", "a"), "$(params.mode)", WhenOperator.in, "delta");
    delta.setOutputs(new ArrayList<>(List.of("rows")));
    NodeSpec report = node("report", "delta");
    PipelineSpec spec = spec(List.of(a, full, delta, report), List.of());

    RunDecision decision = planner.plan(run(spec, null), List.of(status("a", NodePhase.Succeeded, 1)), Map.of(),
        T0.plusSeconds(2));

    assertThat(launched(decision)).containsExactly("full", "report");
    NodeStatus skipped = find(decision, "delta");
    assertThat(skipped.getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(skipped.getReason()).isEqualTo("WhenNotMet");
    assertThat(skipped.getMessage()).isEqualTo("skipped: when[0] not met: \"$(params.mode)\" is \"full\", not in "
        + "[\"delta\"]");
    assertThat(skipped.getAttempt()).isZero();
    assertThat(NodeInputs.of(run(spec, null), Map.of("delta", skipped), report, 1))
        .containsEntry("nodes.delta.outputs.rows", "");
  }

  @Test
  void aConditionIsEvaluatedOnlyWhenTheNodeIsOtherwiseReadyAndCanReadAncestorOutputs() {
    NodeSpec a = node("a");
    a.setOutputs(new ArrayList<>(List.of("rows")));
    NodeSpec load = when(node("load", "a"), "$(nodes.a.outputs.rows)", WhenOperator.notin, "0");
    PipelineSpec spec = spec(List.of(a, load), List.of());

    RunDecision waiting = planner.plan(run(spec, null), List.of(status("a", NodePhase.Running, 1)), Map.of(), T0);
    assertThat(find(waiting, "load")).as("not evaluated while a runs").isNull();

    RunDecision decided = planner.plan(run(spec, null), waiting.nodes(),
        Map.of("a", AttemptObservation.succeeded(T0.plusSeconds(3), "rows=0\n")), T0.plusSeconds(4));
    assertThat(find(decided, "load").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(decided.launches()).isEmpty();
    assertThat(decided.outcome().phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(decided.progress()).isEqualTo("2/2");

    RunDecision again = planner.plan(run(spec, DesiredRunState.Running, null, "full"), decided.nodes(), Map.of(),
        T0.plusSeconds(5));
    assertThat(again.launches()).as("a Skipped node is never launched later").isEmpty();
    assertThat(find(again, "load").getPhase()).isEqualTo(NodePhase.Skipped);
  }

  @Test
  void aHoldingConditionLaunchesTheNodeAndSkipNodesWinsOverWhen() {
    NodeSpec a = when(node("a"), "$(params.mode)", WhenOperator.in, "full");
    NodeSpec b = when(node("b"), "$(params.mode)", WhenOperator.in, "full");
    RunSnapshot run = new RunSnapshot("run", spec(List.of(a, b), List.of()), T0, DesiredRunState.Running, null,
        List.of("b"), List.of(new ParamValue("mode", "full")));

    RunDecision decision = planner.plan(run, List.of(), Map.of(), T0);

    assertThat(launched(decision)).containsExactly("a");
    assertThat(find(decision, "b").getMessage()).isEqualTo("skipped (spec.skipNodes)");
  }

  // ---- finally: ordering and run status

  private static PipelineSpec withNotify(NodeSpec... main) {
    NodeSpec notify = node("notify");
    notify.setOutputs(new ArrayList<>(List.of("status")));
    return spec(List.of(main), List.of(notify, node("after", "notify")));
  }

  /** Runs the main part's last step and returns the finally state it recorded. */
  private FinallyState mainEnds(PipelineSpec spec, DesiredRunState desired, List<NodeStatus> table,
      Map<String, AttemptObservation> seen, Instant now, String runStatus) {
    RunDecision decision = planner.plan(run(spec, desired, null, "full"), table, seen, now);
    assertThat(decision.launches()).as("finally nodes start in the next step").isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(decision.outcome().message()).startsWith("running finally nodes; main part " + runStatus);
    assertThat(decision.finallyState()).isNotNull();
    assertThat(decision.finallyState().runStatus()).isEqualTo(runStatus);
    assertThat(decision.wakeUpAt()).contains(now);
    return decision.finallyState();
  }

  @Test
  void finallyNodesWaitForEveryMainNodeThenRunInTheirOwnOrder() {
    PipelineSpec spec = withNotify(node("a"), node("b"));
    RunDecision first = planner.plan(run(spec, null), List.of(), Map.of(), T0);
    assertThat(launched(first)).containsExactly("a", "b");
    assertThat(first.finallyState()).isNull();

    RunDecision oneDone = planner.plan(run(spec, null), first.nodes(),
        Map.of("a", AttemptObservation.succeeded(T0.plusSeconds(1), null)), T0.plusSeconds(1));
    assertThat(oneDone.launches()).isEmpty();
    assertThat(oneDone.finallyState()).isNull();

    FinallyState state = mainEnds(spec, DesiredRunState.Running, oneDone.nodes(),
        Map.of("b", AttemptObservation.succeeded(T0.plusSeconds(2), null)), T0.plusSeconds(2), "Succeeded");
    List<NodeStatus> table = List.of(status("a", NodePhase.Succeeded, 1), status("b", NodePhase.Succeeded, 1));

    RunDecision notify = planner.plan(run(spec, state), table, Map.of(), T0.plusSeconds(3));
    assertThat(launched(notify)).containsExactly("notify");
    assertThat(notify.finallyState()).isEqualTo(state);
    assertThat(notify.outcome().message()).startsWith("running finally nodes");

    RunDecision after = planner.plan(run(spec, state), notify.nodes(),
        Map.of("notify", AttemptObservation.succeeded(T0.plusSeconds(4), "status=ok\n")), T0.plusSeconds(4));
    assertThat(launched(after)).containsExactly("after");

    RunDecision done = planner.plan(run(spec, state), after.nodes(),
        Map.of("after", AttemptObservation.succeeded(T0.plusSeconds(5), null)), T0.plusSeconds(5));
    assertThat(done.outcome()).isEqualTo(new RunOutcome(RunPhase.Succeeded, "Succeeded", "all nodes succeeded"));
    assertThat(done.progress()).isEqualTo("4/4");
    assertThat(done.nodes()).extracting(NodeStatus::getName).containsExactly("a", "b", "notify", "after");
  }

  private RunDecision finallyEnds(PipelineSpec spec, FinallyState state, boolean finallySucceeds) {
    List<NodeStatus> table = new ArrayList<>(List.of(status("a", state.mainOutcome().phase() == RunPhase.Succeeded
        ? NodePhase.Succeeded : NodePhase.Failed, 1), status("notify", NodePhase.Running, 1)));
    if (finallySucceeds) {
      table.add(status("after", NodePhase.Running, 1));
      table.set(1, status("notify", NodePhase.Succeeded, 1));
    }
    String running = finallySucceeds ? "after" : "notify";
    AttemptObservation end = finallySucceeds ? AttemptObservation.succeeded(T0.plusSeconds(9), null)
        : AttemptObservation.failed(2, "Error", "smtp down", T0.plusSeconds(9));
    return planner.plan(run(spec, state), table, Map.of(running, end), T0.plusSeconds(10));
  }

  @Test
  void aFailingFinallyNodeFailsARunWhoseMainPartSucceeded() {
    PipelineSpec spec = withNotify(node("a"));
    FinallyState state = mainEnds(spec, DesiredRunState.Running, List.of(status("a", NodePhase.Running, 1)),
        Map.of("a", AttemptObservation.succeeded(T0.plusSeconds(1), null)), T0.plusSeconds(1), "Succeeded");

    RunDecision decision = finallyEnds(spec, state, false);

    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.outcome().reason()).isEqualTo("Failed");
    assertThat(decision.outcome().message()).isEqualTo("finally node notify failed: exit code 2: smtp down");
    assertThat(find(decision, "after")).as("its dependent never starts").isNull();
  }

  @Test
  void aFailedMainPartStaysFailedWhenFinallySucceedsAndFinallyReadsRunStatusFailed() {
    NodeSpec a = node("a");
    a.setOutputs(new ArrayList<>(List.of("rows")));
    PipelineSpec spec = withNotify(a, node("b", "a"));
    FinallyState state = mainEnds(spec, DesiredRunState.Running, List.of(status("a", NodePhase.Running, 1)),
        Map.of("a", AttemptObservation.failed(3, "Error", "bad input", T0.plusSeconds(1))), T0.plusSeconds(1),
        "Failed");
    assertThat(state.mainOutcome().message()).isEqualTo("node a failed: exit code 3: bad input");

    List<NodeStatus> table = List.of(status("a", NodePhase.Failed, 1));
    RunSnapshot run = run(spec, state);
    RunDecision notify = planner.plan(run, table, Map.of(), T0.plusSeconds(2));
    assertThat(launched(notify)).containsExactly("notify");
    Map<String, String> inputs = NodeInputs.of(run, Map.of("a", table.get(0)), spec.getFinallyNodes().get(0), 1);
    assertThat(inputs).containsEntry("run.status", "Failed").containsEntry("nodes.a.phase", "Failed")
        .containsEntry("nodes.b.phase", "Pending").containsEntry("nodes.a.outputs.rows", "");

    RunDecision done = finallyEnds(spec, state, true);
    assertThat(done.outcome()).isEqualTo(state.mainOutcome());
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void aStoppedRunRunsFinallyAndEndsStopped() {
    PipelineSpec spec = withNotify(node("a"), node("b", "a"));
    FinallyState state = mainEnds(spec, DesiredRunState.Stopped, List.of(status("a", NodePhase.Running, 1)),
        Map.of("a", AttemptObservation.succeeded(T0.plusSeconds(1), null)), T0.plusSeconds(1), "Stopped");
    assertThat(state.mainOutcome().phase()).isEqualTo(RunPhase.Cancelled);

    RunDecision notify = planner.plan(run(spec, DesiredRunState.Stopped, state, "full"),
        List.of(status("a", NodePhase.Succeeded, 1)), Map.of(), T0.plusSeconds(2));
    assertThat(launched(notify)).as("spec.state Stopped does not hold finally nodes").containsExactly("notify");
    assertThat(notify.outcome().phase()).isEqualTo(RunPhase.Running);

    RunDecision done = finallyEnds(spec, state, true);
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(done.outcome().reason()).isEqualTo("Stopped");
  }

  @Test
  void aRunThatTimedOutRunsFinallyWhichTheRunTimeoutNoLongerBounds() {
    PipelineSpec spec = withNotify(node("a"));
    spec.setTimeout("1m");
    Instant late = T0.plusSeconds(61);
    RunDecision timedOut = planner.plan(run(spec, null), List.of(status("a", NodePhase.Running, 1)), Map.of(), late);
    assertThat(timedOut.jobsToDelete()).containsExactly("run-a-1");
    assertThat(find(timedOut, "a").getPhase()).isEqualTo(NodePhase.Cancelled);
    FinallyState state = timedOut.finallyState();
    assertThat(state.runStatus()).isEqualTo("Timeout");
    assertThat(timedOut.outcome().phase()).isEqualTo(RunPhase.Running);

    RunDecision notify = planner.plan(run(spec, state), timedOut.nodes(), Map.of(), late.plusSeconds(1));
    assertThat(launched(notify)).containsExactly("notify");
    RunDecision stillRunning = planner.plan(run(spec, state), notify.nodes(), Map.of(), late.plusSeconds(120));
    assertThat(stillRunning.jobsToDelete()).isEmpty();
    assertThat(stillRunning.outcome().phase()).isEqualTo(RunPhase.Running);

    RunDecision done = finallyEnds(spec, state, true);
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(done.outcome().reason()).isEqualTo("Timeout");
  }

  @Test
  void aCancelledRunNeverStartsFinally() {
    PipelineSpec spec = withNotify(node("a"));
    RunDecision decision = planner.plan(run(spec, DesiredRunState.Cancelled, null, "full"),
        List.of(status("a", NodePhase.Running, 1)), Map.of(), T0.plusSeconds(1));

    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(decision.finallyState()).isNull();
    assertThat(decision.launches()).isEmpty();
    assertThat(find(decision, "notify")).isNull();
  }

  @Test
  void cancellingDuringFinallyDeletesItsJobsAndEndsCancelled() {
    PipelineSpec spec = withNotify(node("a"));
    FinallyState state = new FinallyState(T0, new RunOutcome(RunPhase.Succeeded, "Succeeded", "all nodes succeeded"));
    RunDecision decision = planner.plan(run(spec, DesiredRunState.Cancelled, state, "full"),
        List.of(status("a", NodePhase.Succeeded, 1), status("notify", NodePhase.Running, 1)), Map.of(),
        T0.plusSeconds(5));

    assertThat(decision.jobsToDelete()).containsExactly("run-notify-1");
    assertThat(find(decision, "notify").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Cancelled);
  }

  @Test
  void pauseHoldsFinallyNodes() {
    PipelineSpec spec = withNotify(node("a"));
    FinallyState state = new FinallyState(T0, new RunOutcome(RunPhase.Succeeded, "Succeeded", "all nodes succeeded"));
    RunDecision decision = planner.plan(run(spec, DesiredRunState.Paused, state, "full"),
        List.of(status("a", NodePhase.Succeeded, 1)), Map.of(), T0.plusSeconds(5));

    assertThat(decision.launches()).isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Paused);
  }

  @Test
  void theFinallyTimeoutDeletesRunningFinallyJobsAndFailsTheirNodes() {
    PipelineSpec spec = withNotify(node("a"));
    spec.setFinallyTimeout("2m");
    FinallyState state = new FinallyState(T0, new RunOutcome(RunPhase.Succeeded, "Succeeded", "all nodes succeeded"));
    List<NodeStatus> table = List.of(status("a", NodePhase.Succeeded, 1), status("notify", NodePhase.Running, 1));

    RunDecision before = planner.plan(run(spec, state), table, Map.of(), T0.plusSeconds(60));
    assertThat(before.wakeUpAt()).contains(T0.plusSeconds(120));
    assertThat(before.jobsToDelete()).isEmpty();

    RunDecision at = planner.plan(run(spec, state), table, Map.of(), T0.plusSeconds(120));
    assertThat(at.jobsToDelete()).containsExactly("run-notify-1");
    NodeStatus notify = find(at, "notify");
    assertThat(notify.getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(notify.getReason()).isEqualTo("FinallyTimeout");
    assertThat(at.outcome()).isEqualTo(new RunOutcome(RunPhase.Failed, "Failed",
        "the finally part timed out after 2m"));
  }

  @Test
  void theDefaultFinallyTimeoutIsTenMinutes() {
    assertThat(run(withNotify(node("a")), null).finallyTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void retryResetsEveryFinallyNodeAndTheFinallyPartRunsAgainAfterTheMainPart() {
    PipelineSpec spec = withNotify(node("a"), node("b"));
    List<NodeStatus> table = new ArrayList<>(List.of(status("a", NodePhase.Succeeded, 1),
        status("b", NodePhase.Failed, 1), status("notify", NodePhase.Succeeded, 1),
        status("after", NodePhase.Skipped, 0)));

    List<String> reset = RetryReset.reset(table, 1, Set.of("notify", "after"));

    assertThat(reset).containsExactly("b", "notify");
    assertThat(table).extracting(NodeStatus::getName).containsExactly("a", "b", "notify");
    assertThat(table.get(2).getPhase()).isEqualTo(NodePhase.Pending);
    assertThat(table.get(2).getAttempt()).isEqualTo(1);

    RunDecision main = planner.plan(run(spec, null), table, Map.of(), T0.plusSeconds(100));
    assertThat(launched(main)).as("only the main node runs first").containsExactly("b");
    assertThat(find(main, "notify").getPhase()).isEqualTo(NodePhase.Pending);

    FinallyState state = mainEnds(spec, DesiredRunState.Running, main.nodes(),
        Map.of("b", AttemptObservation.succeeded(T0.plusSeconds(101), null)), T0.plusSeconds(101), "Succeeded");
    RunDecision again = planner.plan(run(spec, state), List.of(status("a", NodePhase.Succeeded, 1),
        status("b", NodePhase.Succeeded, 2), table.get(2)), Map.of(), T0.plusSeconds(102));
    assertThat(again.launches()).extracting(NodeLaunch::jobName).containsExactly("run-notify-2");
  }

  @Test
  void aFailFastMainPartDoesNotCancelFinallyNodesResetByRetry() {
    PipelineSpec spec = withNotify(node("a"));
    NodeStatus notify = status("notify", NodePhase.Pending, 1);
    RunDecision decision = planner.plan(run(spec, null), List.of(status("a", NodePhase.Running, 2), notify),
        Map.of("a", AttemptObservation.failed(1, "Error", "boom", T0.plusSeconds(1))), T0.plusSeconds(1));

    assertThat(find(decision, "notify").getPhase()).isEqualTo(NodePhase.Pending);
    assertThat(decision.finallyState().runStatus()).isEqualTo("Failed");
  }

  @Test
  void finallyNodesMayHaveConditionsOnTheRunStatus() {
    NodeSpec onFailure = when(node("on-failure"), "$(run.status)", WhenOperator.in, "Failed");
    PipelineSpec spec = spec(List.of(node("a")), List.of(onFailure));
    FinallyState state = new FinallyState(T0, new RunOutcome(RunPhase.Succeeded, "Succeeded", "all nodes succeeded"));

    RunDecision decision = planner.plan(run(spec, state), List.of(status("a", NodePhase.Succeeded, 1)), Map.of(),
        T0.plusSeconds(1));

    assertThat(find(decision, "on-failure").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Succeeded);
  }

  @Test
  void aRerunNeverCopiesFinallyNodesAndRunsAgainWhatAConditionSkipped() {
    PipelineSpec spec = withNotify(node("a"), when(node("b", "a"), "$(params.mode)", WhenOperator.in, "delta"));
    NodeStatus skipped = status("b", NodePhase.Skipped, 0);
    skipped.setReason(WhenEvaluator.REASON);

    RerunSeed seed = RerunSeed.of(spec, "first", List.of(status("a", NodePhase.Succeeded, 1), skipped,
        status("notify", NodePhase.Succeeded, 1), status("after", NodePhase.Succeeded, 1)), List.of());

    assertThat(seed.copied()).extracting(NodeStatus::getName).containsExactly("a");
    assertThat(seed.rerun()).containsExactly("b");
  }

  @Test
  void aForEachNodeWhoseConditionFailsIsSkippedWholeAndAForEachFinallyNodeFansOutAfterTheMainPart() {
    NodeSpec each = when(node("each"), "$(params.mode)", WhenOperator.in, "delta");
    each.setForEach(io.flowline.api.ForEachSpec.ofItems(List.of("x", "y")));
    NodeSpec report = node("report", "each");
    NodeSpec notifyAll = node("notify-all");
    notifyAll.setForEach(io.flowline.api.ForEachSpec.ofItems(List.of("ops", "dev")));
    PipelineSpec spec = spec(List.of(each, report), List.of(notifyAll));

    RunDecision main = planner.plan(run(spec, null), List.of(), Map.of(), T0);
    assertThat(find(main, "each").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(launched(main)).containsExactly("report");

    FinallyState state = mainEnds(spec, DesiredRunState.Running, main.nodes(),
        Map.of("report", AttemptObservation.succeeded(T0.plusSeconds(1), null)), T0.plusSeconds(1), "Succeeded");
    RunDecision fanOut = planner.plan(run(spec, state), List.of(find(main, "each"),
        status("report", NodePhase.Succeeded, 1)), Map.of(), T0.plusSeconds(2));
    assertThat(launched(fanOut)).containsExactly("notify-all-0", "notify-all-1");

    RunDecision done = planner.plan(run(spec, state), fanOut.nodes(),
        Map.of("notify-all-0", AttemptObservation.succeeded(T0.plusSeconds(3), null),
            "notify-all-1", AttemptObservation.failed(1, "Error", "no route", T0.plusSeconds(3))), T0.plusSeconds(3));
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(done.outcome().message()).startsWith("finally node notify-all-1 failed: exit code 1");
  }
}
