package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunPlannerTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private final RunPlanner planner = new RunPlanner(Duration.ofMinutes(5));

  private static NodeSpec node(String name, String... dependsOn) {
    NodeSpec node = new NodeSpec();
    node.setName(name);
    node.setImage("busybox:1.36");
    node.setDependsOn(List.of(dependsOn));
    return node;
  }

  private static RunSnapshot snapshot(NodeSpec... nodes) {
    return snapshot(null, nodes);
  }

  private static RunSnapshot snapshot(String timeout, NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(nodes)));
    spec.setTimeout(timeout);
    return new RunSnapshot("run", spec, T0);
  }

  private static NodeStatus status(String name, NodePhase phase, int attempt) {
    NodeStatus status = new NodeStatus(name);
    status.setPhase(phase);
    status.setAttempt(attempt);
    status.setJob(JobNames.jobName("run", name, attempt));
    status.setStartTime(Timestamps.format(T0));
    return status;
  }

  private static NodeStatus find(RunDecision decision, String name) {
    return decision.nodes().stream().filter(n -> n.getName().equals(name)).findFirst().orElse(null);
  }

  private static List<String> launched(RunDecision decision) {
    return decision.launches().stream().map(NodeLaunch::node).toList();
  }

  private static List<String> eventReasons(RunDecision decision) {
    return decision.events().stream().map(PlannedEvent::reason).toList();
  }

  @Test
  void aStopDecidedOutsideTheRunDeletesItsRunningJobsStartsNothingAndEndsTheRunThatWay() {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(node("a"), node("b"), node("c", "a"))));
    RunOutcome replaced = new RunOutcome(RunPhase.Cancelled, "ConcurrencyLimit", "replaced by newer run r2");
    RunSnapshot run = new RunSnapshot("run", spec, T0, DesiredRunState.Running, replaced);

    RunDecision decision = planner.plan(run, List.of(status("a", NodePhase.Running, 1)), Map.of(), T0);

    assertThat(decision.jobsToDelete()).containsExactly("run-a-1");
    assertThat(decision.launches()).as("b is ready but must not start").isEmpty();
    assertThat(decision.outcome()).isEqualTo(replaced);
    assertThat(find(decision, "a").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(eventReasons(decision)).contains("Cancelled");
  }

  private static RunSnapshot chainWanting(DesiredRunState desired) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(node("a"), node("b"), node("c", "a"))));
    return new RunSnapshot("run", spec, T0, desired, null);
  }

  /** a runs, b has not started, c waits for a: what each desired state does in one step. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
      // desired,  phase,     reason,    launches, jobs deleted, a's phase
      "Running,    Running,   Running,   b,        '',           Running",
      "Paused,     Paused,    Running,   '',       '',           Running",
      "Stopped,    Stopping,  Stopped,   '',       '',           Running",
      "Cancelled,  Cancelled, Cancelled, '',       run-a-1,      Cancelled"})
  void eachDesiredStateDecidesWhatStartsAndWhatStops(DesiredRunState desired, RunPhase phase, String reason,
      String launches, String deleted, NodePhase aPhase) {
    RunDecision decision = planner.plan(chainWanting(desired), List.of(status("a", NodePhase.Running, 1)), Map.of(),
        T0);

    assertThat(decision.outcome().phase()).isEqualTo(phase);
    assertThat(decision.outcome().reason()).isEqualTo(reason);
    assertThat(launched(decision)).isEqualTo(launches.isEmpty() ? List.of() : List.of(launches));
    assertThat(decision.jobsToDelete()).isEqualTo(deleted.isEmpty() ? List.of() : List.of(deleted));
    assertThat(find(decision, "a").getPhase()).isEqualTo(aPhase);
  }

  @Test
  void aStoppedRunEndsCancelledWithReasonStoppedOnceNoNodeRunsAndCancelsItsWaitingRetries() {
    NodeStatus waiting = status("b", NodePhase.Waiting, 1);
    waiting.setCompletionTime(Timestamps.format(T0));

    RunDecision decision = planner.plan(chainWanting(DesiredRunState.Stopped),
        List.of(status("a", NodePhase.Succeeded, 1), waiting), Map.of(), T0.plusSeconds(60));

    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(decision.outcome().reason()).isEqualTo("Stopped");
    assertThat(find(decision, "b").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(launched(decision)).isEmpty();
  }

  @Test
  void aNodeThatFailsWhileTheRunStopsWaitsForItsRetryAndRetriesWhenTheRunIsSetBackToRunning() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(1, "0s"));
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(flaky, node("slow"), node("after", "flaky"))));
    List<NodeStatus> running = List.of(status("flaky", NodePhase.Running, 1), status("slow", NodePhase.Running, 1));

    RunDecision stopping = planner.plan(new RunSnapshot("run", spec, T0, DesiredRunState.Stopped, null), running,
        Map.of("flaky", AttemptObservation.failed(1, "Error", "boom", T0)), T0);
    assertThat(stopping.outcome().phase()).isEqualTo(RunPhase.Stopping);
    assertThat(find(stopping, "flaky").getPhase()).as("not cancelled while slow runs").isEqualTo(NodePhase.Waiting);

    RunDecision resumed = planner.plan(new RunSnapshot("run", spec, T0, DesiredRunState.Running, null),
        stopping.nodes(), Map.of(), T0.plusSeconds(1));
    assertThat(launched(resumed)).containsExactly("flaky");
    assertThat(find(resumed, "flaky").getAttempt()).isEqualTo(2);

    RunDecision ended = planner.plan(new RunSnapshot("run", spec, T0, DesiredRunState.Stopped, null),
        stopping.nodes(), Map.of("slow", AttemptObservation.succeeded(T0, null)), T0.plusSeconds(1));
    assertThat(ended.outcome().phase()).as("still Stopped: ends once slow ends").isEqualTo(RunPhase.Cancelled);
    assertThat(find(ended, "flaky").getPhase()).isEqualTo(NodePhase.Cancelled);
  }

  @Test
  void aPausedRunStartsNoRetryEvenWhenItIsDue() {
    NodeStatus waiting = status("b", NodePhase.Waiting, 1);
    waiting.setCompletionTime(Timestamps.format(T0));

    RunDecision decision = planner.plan(chainWanting(DesiredRunState.Paused),
        List.of(status("a", NodePhase.Succeeded, 1), waiting), Map.of(), T0.plusSeconds(3600));

    assertThat(launched(decision)).as("neither b's retry nor c").isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Paused);
    assertThat(find(decision, "b").getPhase()).isEqualTo(NodePhase.Waiting);
  }

  @Test
  void aLaunchedNodeWakesTheRunWhenItsPodStartGraceEndsEvenIfNothingChanges() {
    RunDecision decision = planner.plan(snapshot(node("a")), List.of(), Map.of(), T0);

    assertThat(launched(decision)).containsExactly("a");
    assertThat(decision.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(5)));
  }

  @Test
  void startsEveryRootAtOnceAndNoDependent() {
    RunDecision decision = planner.plan(snapshot(node("a"), node("b"), node("c", "a", "b")), List.of(), Map.of(), T0);

    assertThat(launched(decision)).containsExactly("a", "b");
    assertThat(decision.launches()).extracting(NodeLaunch::jobName).containsExactly("run-a-1", "run-b-1");
    assertThat(find(decision, "a").getPhase()).isEqualTo(NodePhase.Running);
    assertThat(find(decision, "c")).isNull();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(decision.progress()).isEqualTo("0/3");
    assertThat(eventReasons(decision)).containsExactly("NodeStarted", "NodeStarted");
  }

  @Test
  void startsADependentOnlyWhenAllItsDependenciesSucceeded() {
    RunSnapshot run = snapshot(node("a"), node("b"), node("c", "a", "b"));
    List<NodeStatus> current = List.of(status("a", NodePhase.Running, 1), status("b", NodePhase.Running, 1));

    RunDecision oneDone = planner.plan(run, current,
        Map.of("a", AttemptObservation.succeeded(T0.plusSeconds(5), null)), T0.plusSeconds(6));
    assertThat(launched(oneDone)).isEmpty();
    assertThat(find(oneDone, "a").getPhase()).isEqualTo(NodePhase.Succeeded);

    RunDecision bothDone = planner.plan(run, oneDone.nodes(),
        Map.of("b", AttemptObservation.succeeded(T0.plusSeconds(7), null)), T0.plusSeconds(8));
    assertThat(launched(bothDone)).containsExactly("c");
    assertThat(bothDone.progress()).isEqualTo("2/3");
  }

  @Test
  void readsDeclaredOutputsFromTheTerminationMessage() {
    NodeSpec extract = node("extract");
    extract.setOutputs(List.of("rows"));
    RunDecision decision = planner.plan(snapshot(extract, node("load", "extract")),
        List.of(status("extract", NodePhase.Running, 1)),
        Map.of("extract", AttemptObservation.succeeded(T0, "rows=42\nignored=1\n")), T0);

    assertThat(find(decision, "extract").getOutputs()).containsExactly(Map.entry("rows", "42"));
    assertThat(launched(decision)).containsExactly("load");
  }

  @Test
  void aMissingDeclaredOutputFailsTheNode() {
    NodeSpec extract = node("extract");
    extract.setOutputs(List.of("rows"));
    RunDecision decision = planner.plan(snapshot(extract), List.of(status("extract", NodePhase.Running, 1)),
        Map.of("extract", AttemptObservation.succeeded(T0, "other=1")), T0);

    assertThat(find(decision, "extract").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(find(decision, "extract").getReason()).isEqualTo("OutputsMissing");
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void aFailedAttemptWithRetriesLeftWaitsForTheDelayCountedFromItsCompletion() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(2, "10s"));
    RunSnapshot run = snapshot(flaky);
    Instant failedAt = T0.plusSeconds(3);

    RunDecision failed = planner.plan(run, List.of(status("flaky", NodePhase.Running, 1)),
        Map.of("flaky", AttemptObservation.failed(1, "Error", "oops", failedAt)), T0.plusSeconds(4));
    NodeStatus waiting = find(failed, "flaky");
    assertThat(waiting.getPhase()).isEqualTo(NodePhase.Waiting);
    assertThat(waiting.getCompletionTime()).isEqualTo(Timestamps.format(failedAt));
    assertThat(waiting.getExitCode()).isEqualTo(1);
    assertThat(failed.wakeUpAt()).contains(failedAt.plusSeconds(10));
    assertThat(eventReasons(failed)).containsExactly("NodeRetrying");
    assertThat(failed.outcome().phase()).isEqualTo(RunPhase.Running);

    RunDecision tooEarly = planner.plan(run, failed.nodes(), Map.of(), failedAt.plusSeconds(9));
    assertThat(tooEarly.launches()).isEmpty();

    RunDecision due = planner.plan(run, failed.nodes(), Map.of(), failedAt.plusSeconds(10));
    assertThat(due.launches()).containsExactly(new NodeLaunch("flaky", 2, "run-flaky-2"));
    NodeStatus second = find(due, "flaky");
    assertThat(second.getPhase()).isEqualTo(NodePhase.Running);
    assertThat(second.getAttempt()).isEqualTo(2);
    assertThat(second.getExitCode()).isNull();
    assertThat(second.getStartTime()).isEqualTo(Timestamps.format(T0));
  }

  @Test
  void theLastAllowedAttemptFailingFailsTheNodeAndTheRun() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(1, "1s"));
    RunDecision decision = planner.plan(snapshot(flaky), List.of(status("flaky", NodePhase.Running, 2)),
        Map.of("flaky", AttemptObservation.failed(3, "Error", null, T0)), T0);

    assertThat(find(decision, "flaky").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.outcome().reason()).isEqualTo("Failed");
    assertThat(decision.outcome().message()).isEqualTo("node flaky failed: exit code 3");
    assertThat(eventReasons(decision)).containsExactly("NodeFailed", "Failed");
  }

  @Test
  void aFailureStopsNewWorkButLetsRunningNodesFinishBeforeTheRunFails() {
    NodeSpec waiting = node("waiting");
    waiting.setRetry(new RetrySpec(3, "1s"));
    RunSnapshot run = snapshot(node("bad"), node("slow"), waiting, node("after", "bad"), node("next", "slow"));
    NodeStatus waitingStatus = status("waiting", NodePhase.Waiting, 1);
    waitingStatus.setCompletionTime(Timestamps.format(T0));
    List<NodeStatus> current = List.of(status("bad", NodePhase.Running, 1), status("slow", NodePhase.Running, 1),
        waitingStatus);

    RunDecision failing = planner.plan(run, current,
        Map.of("bad", AttemptObservation.failed(3, "Error", "boom", T0.plusSeconds(1))), T0.plusSeconds(5));
    assertThat(failing.launches()).isEmpty();
    assertThat(find(failing, "waiting").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(failing.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(failing.outcome().message()).startsWith("node bad failed: exit code 3: boom");

    RunDecision done = planner.plan(run, failing.nodes(),
        Map.of("slow", AttemptObservation.succeeded(T0.plusSeconds(6), null)), T0.plusSeconds(7));
    assertThat(done.launches()).as("next depends on slow, but the run is failing").isEmpty();
    assertThat(find(done, "slow").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(done.outcome().message()).isEqualTo("node bad failed: exit code 3: boom");
    assertThat(find(done, "after")).isNull();
    assertThat(done.progress()).isEqualTo("3/5");
  }

  @Test
  void aRetryableFailureIsNotRetriedWhileTheRunIsFailing() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(3, "0"));
    RunDecision decision = planner.plan(snapshot(node("bad"), flaky),
        List.of(status("bad", NodePhase.Running, 1), status("flaky", NodePhase.Running, 1)),
        Map.of("bad", AttemptObservation.failed(1, "Error", null, T0),
            "flaky", AttemptObservation.failed(1, "Error", null, T0)), T0);

    assertThat(find(decision, "flaky").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(decision.launches()).isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void aNodeAllowedToFailLetsItsDependentsRunAndTheRunSucceed() {
    NodeSpec optional = node("optional");
    optional.setAllowFailure(true);
    RunSnapshot run = snapshot(optional, node("after", "optional"));

    RunDecision failed = planner.plan(run, List.of(status("optional", NodePhase.Running, 1)),
        Map.of("optional", AttemptObservation.failed(1, "Error", null, T0)), T0);
    assertThat(launched(failed)).containsExactly("after");

    RunDecision done = planner.plan(run, failed.nodes(),
        Map.of("after", AttemptObservation.succeeded(T0, null)), T0.plusSeconds(1));
    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(done.outcome().message()).contains("optional");
  }

  @Test
  void theRunTimeoutCancelsRunningAndWaitingNodesAndDeletesTheirJobs() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(3, "1h"));
    RunSnapshot run = snapshot("1m", node("long"), flaky);
    NodeStatus waiting = status("flaky", NodePhase.Waiting, 1);
    waiting.setCompletionTime(Timestamps.format(T0));

    RunDecision before = planner.plan(run, List.of(status("long", NodePhase.Running, 1), waiting), Map.of(),
        T0.plusSeconds(30));
    assertThat(before.wakeUpAt()).contains(T0.plusSeconds(60));

    RunDecision expired = planner.plan(run, List.of(status("long", NodePhase.Running, 1), waiting), Map.of(),
        T0.plusSeconds(60));
    assertThat(expired.jobsToDelete()).containsExactly("run-long-1");
    assertThat(find(expired, "long").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(find(expired, "flaky").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(expired.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(expired.outcome().reason()).isEqualTo("Timeout");
    assertThat(expired.wakeUpAt()).isEmpty();
  }

  @Test
  void aPodThatCannotStartShowsWhyAndFailsTheAttemptAfterTheGracePeriod() {
    RunSnapshot run = snapshot(node("a"));
    AttemptObservation stuck = AttemptObservation.stuck("ErrImagePull", "pull access denied", T0);

    RunDecision within = planner.plan(run, List.of(status("a", NodePhase.Running, 1)), Map.of("a", stuck),
        T0.plusSeconds(60));
    assertThat(find(within, "a").getPhase()).isEqualTo(NodePhase.Running);
    assertThat(find(within, "a").getMessage()).contains("ErrImagePull").contains("pull access denied");
    assertThat(within.wakeUpAt()).contains(T0.plus(Duration.ofMinutes(5)));

    RunDecision after = planner.plan(run, List.of(status("a", NodePhase.Running, 1)), Map.of("a", stuck),
        T0.plus(Duration.ofMinutes(5)));
    assertThat(after.jobsToDelete()).containsExactly("run-a-1");
    assertThat(find(after, "a").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(find(after, "a").getReason()).isEqualTo("ErrImagePull");
    assertThat(after.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void aJobDeletedUnderARunningNodeFailsThatAttempt() {
    RunDecision decision = planner.plan(snapshot(node("a")), List.of(status("a", NodePhase.Running, 1)),
        Map.of("a", AttemptObservation.missing()), T0);

    assertThat(find(decision, "a").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(find(decision, "a").getReason()).isEqualTo("JobDeleted");
    assertThat(find(decision, "a").getMessage()).contains("run-a-1");
  }

  @Test
  void neverChangesTheNodeStatusesItIsGiven() {
    NodeStatus running = status("a", NodePhase.Running, 1);
    planner.plan(snapshot(node("a")), List.of(running),
        Map.of("a", AttemptObservation.succeeded(T0, null)), T0);

    assertThat(running.getPhase()).isEqualTo(NodePhase.Running);
    assertThat(running.getCompletionTime()).isNull();
  }

  @Test
  void aRunningNodeWithoutNewsStaysRunningWithNoEvents() {
    Map<String, AttemptObservation> none = new HashMap<>();
    RunDecision decision = planner.plan(snapshot(node("a")), List.of(status("a", NodePhase.Running, 1)), none,
        T0);

    assertThat(decision.events()).isEmpty();
    assertThat(decision.launches()).isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(decision.wakeUpAt()).isEmpty();
  }

  @Test
  void aRejectedCreateFailsTheAttemptWithTheApiMessageAndNeverShowsAsStarted() {
    RunSnapshot run = snapshot(node("a"), node("b"));
    RunPlanner.Planning planning = planner.begin(run, List.of(), Map.of(), T0);
    assertThat(planning.launches()).extracting(NodeLaunch::node).containsExactly("a", "b");

    RunDecision decision = planning.finish(Map.of("a", LaunchOutcome.rejected("exceeded quota: jobs")));

    NodeStatus a = find(decision, "a");
    assertThat(a.getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(a.getReason()).isEqualTo("JobRejected");
    assertThat(a.getMessage()).isEqualTo("exceeded quota: jobs");
    assertThat(launched(decision)).as("only created Jobs count as launched").containsExactly("b");
    assertThat(eventReasons(decision)).containsExactly("NodeFailed", "NodeStarted");
    assertThat(decision.outcome().phase()).as("fail fast: b still runs").isEqualTo(RunPhase.Running);
    assertThat(decision.outcome().message()).startsWith("node a failed: exceeded quota: jobs");
  }

  @Test
  void aRejectedCreateOfANodeWithAllowFailureLetsItsDependentsStartInsteadOfEndingTheRun() {
    NodeSpec optional = node("optional");
    optional.setAllowFailure(true);
    RunSnapshot run = snapshot(optional, node("after", "optional"));

    RunDecision decision = planner.begin(run, List.of(), Map.of(), T0)
        .finish(Map.of("optional", LaunchOutcome.rejected("denied")));

    assertThat(find(decision, "optional").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(decision.outcome().phase()).as("not 'no node can start'").isEqualTo(RunPhase.Running);
    assertThat(decision.wakeUpAt()).as("the dependent starts at once").contains(T0);
    RunDecision next = planner.plan(run, decision.nodes(), Map.of(), T0);
    assertThat(launched(next)).containsExactly("after");
  }

  @Test
  void aRejectedCreateWithRetriesLeftWaitsForTheRetryDelay() {
    NodeSpec a = node("a");
    a.setRetry(new RetrySpec(1, "5s"));
    RunDecision decision = planner.begin(snapshot(a), List.of(), Map.of(), T0)
        .finish(Map.of("a", LaunchOutcome.rejected("denied")));

    assertThat(find(decision, "a").getPhase()).isEqualTo(NodePhase.Waiting);
    assertThat(decision.wakeUpAt()).contains(T0.plusSeconds(5));
    assertThat(eventReasons(decision)).containsExactly("NodeRetrying");
  }

  @Test
  void aDeferredLaunchLeavesTheNodeUnstartedAndLooksAgainSoon() {
    RunDecision decision = planner.begin(snapshot(node("a")), List.of(), Map.of(), T0)
        .finish(Map.of("a", LaunchOutcome.deferred("Job run-a-1 of an earlier run is still being deleted")));

    assertThat(find(decision, "a")).isNull();
    assertThat(decision.launches()).isEmpty();
    assertThat(decision.events()).isEmpty();
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(decision.outcome().message()).contains("still being deleted");
    assertThat(decision.wakeUpAt()).contains(T0.plus(RunPlanner.DEFERRED_LAUNCH_RECHECK));
  }

  @Test
  void aDeferredRetryGoesBackToWaiting() {
    NodeSpec a = node("a");
    a.setRetry(new RetrySpec(2, "0s"));
    NodeStatus waiting = status("a", NodePhase.Waiting, 1);
    waiting.setCompletionTime(Timestamps.format(T0));
    RunDecision decision = planner.begin(snapshot(a), List.of(waiting), Map.of(), T0.plusSeconds(1))
        .finish(Map.of("a", LaunchOutcome.deferred("later")));

    assertThat(find(decision, "a").getPhase()).isEqualTo(NodePhase.Waiting);
    assertThat(find(decision, "a").getAttempt()).isEqualTo(1);
  }

  @Test
  void aNodeIsNeverToldToRetryInTheStepThatFailsTheRun() {
    NodeSpec flaky = node("flaky");
    flaky.setRetry(new RetrySpec(3, "1s"));
    RunSnapshot run = snapshot(flaky, node("fatal"));
    RunDecision decision = planner.plan(run,
        List.of(status("flaky", NodePhase.Running, 1), status("fatal", NodePhase.Running, 1)),
        Map.of("flaky", AttemptObservation.failed(1, "Error", "x", T0),
            "fatal", AttemptObservation.failed(2, "Error", "y", T0)), T0);

    assertThat(find(decision, "flaky").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(eventReasons(decision)).doesNotContain("NodeRetrying").containsOnly("NodeFailed", "Failed");
    assertThat(decision.outcome().message()).startsWith("node fatal failed");
  }

  @Test
  void aHugeFanOutStartsInBoundedStepsAndLeavesPlainJobNamesOut() {
    List<NodeSpec> nodes = new ArrayList<>();
    for (int i = 0; i < RunPlanner.MAX_LAUNCHES_PER_STEP + 10; i++) {
      nodes.add(node("n-" + i));
    }
    RunDecision first = planner.plan(snapshot(nodes.toArray(NodeSpec[]::new)), List.of(), Map.of(), T0);
    assertThat(first.launches()).hasSize(RunPlanner.MAX_LAUNCHES_PER_STEP);
    assertThat(first.wakeUpAt()).contains(T0);
    assertThat(first.nodes()).allSatisfy(node -> assertThat(node.getJob()).isNull());

    RunDecision second = planner.plan(snapshot(nodes.toArray(NodeSpec[]::new)), first.nodes(), Map.of(), T0);
    assertThat(second.launches()).hasSize(10);
  }

  @Test
  void aShortenedJobNameIsRecorded() {
    String longNode = "n".repeat(60);
    RunDecision decision = planner.plan(snapshot(node(longNode)), List.of(), Map.of(), T0);
    assertThat(find(decision, longNode).getJob()).isEqualTo(JobNames.jobName("run", longNode, 1));
  }
}
