package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.RunPhase;
import io.flowline.engine.AttemptObservation.AttemptState;
import io.flowline.engine.OutputsResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduling brain of a started run. Given the snapshot, the node states from status and what the cluster
 * shows of running attempts, it decides which nodes start now, which attempts ended, and what the run's phase is.
 * It is a pure function of its inputs (time included), so every scheduling decision is unit-testable.
 */
public final class RunPlanner {
  private static final int NODE_MESSAGE_LIMIT = 1024;
  private static final int RUN_MESSAGE_LIMIT = 300;
  /**
   * Jobs created in one step at most: a huge fan-out is started over several steps, each writing status, so one
   * step's API work stays bounded and the running nodes show up in status as they start.
   */
  public static final int MAX_LAUNCHES_PER_STEP = 500;
  /** How soon to look again when a launch was deferred (an old Job of the same name is being deleted). */
  static final Duration DEFERRED_LAUNCH_RECHECK = Duration.ofSeconds(2);

  /** How many attempts of one node the platform may end before its failures count as the node's own. */
  public static final int DEFAULT_PLATFORM_RETRIES = 3;

  private final Duration podStartGracePeriod;
  private final int platformRetryLimit;

  public RunPlanner(Duration podStartGracePeriod) {
    this(podStartGracePeriod, DEFAULT_PLATFORM_RETRIES);
  }

  public RunPlanner(Duration podStartGracePeriod, int platformRetryLimit) {
    this.podStartGracePeriod = podStartGracePeriod;
    this.platformRetryLimit = platformRetryLimit;
  }

  /**
   * Decides one step up to the Jobs to create. The caller creates them, then hands what the API server answered
   * to {@link Planning#finish}, which decides the rest: so a rejected create is an observation like any other.
   */
  public Planning begin(RunSnapshot run, List<NodeStatus> current, Map<String, AttemptObservation> observations,
      Instant now) {
    Planning planning = new Planning(run, current, observations, now);
    planning.decideLaunches();
    return planning;
  }

  /** One whole step in which every planned Job is created. */
  public RunDecision plan(RunSnapshot run, List<NodeStatus> current, Map<String, AttemptObservation> observations,
      Instant now) {
    return begin(run, current, observations, now).finish(Map.of());
  }

  /** One planning step's working state; never touches the caller's NodeStatus objects. */
  public final class Planning {
    private final RunSnapshot run;
    private final Map<String, AttemptObservation> observations;
    private final Instant now;
    private final Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    /** The status each launched node had before its launch (null: never started), to undo a deferred launch. */
    private final Map<String, NodeStatus> beforeLaunch = new HashMap<>();
    private final List<NodeLaunch> launches = new ArrayList<>();
    private final List<String> jobsToDelete = new ArrayList<>();
    private final List<PlannedEvent> events = new ArrayList<>();
    private final List<String> refusals = new ArrayList<>();
    private Instant wakeUpAt;
    private String failedNode;
    /** How the run ends this step whatever its nodes do (a timeout, or a stop decided outside it); null: no such end. */
    private RunOutcome forcedEnd;
    private String deferredMessage;
    /** Whether this step plans the finally part (the main part ended in an earlier step). */
    private final boolean inFinally;
    /** The finally part's state after this step: begun in an earlier step, or now; null while the main part runs. */
    private FinallyState finallyState;
    /** The finally part reached spec.finallyTimeout in this step. */
    private boolean finallyTimedOut;
    /** The run timeout ended the main part in this step. */
    private boolean mainTimedOut;

    private Planning(RunSnapshot run, List<NodeStatus> current, Map<String, AttemptObservation> observations,
        Instant now) {
      this.run = run;
      this.observations = observations;
      this.now = now;
      this.finallyState = run.finallyState();
      this.inFinally = finallyState != null && run.hasFinally();
      for (NodeStatus status : current) {
        if (run.node(status.getName()) != null) {
          nodes.putIfAbsent(status.getName(), copy(status));
        }
      }
    }

    /** The node table as decided so far (the caller reads upstream outputs from it for the launches). */
    public List<NodeStatus> currentNodes() {
      return List.copyOf(nodes.values());
    }

    /** The Jobs to create, in order. */
    public List<NodeLaunch> launches() {
      return List.copyOf(launches);
    }

    private void decideLaunches() {
      Map<String, AttemptEnd> ended = new LinkedHashMap<>();
      for (NodeSpec node : runnableNodes(PipelineNodes.all(run.spec()))) {
        NodeStatus status = nodes.get(node.getName());
        if (status != null && status.getPhase() == NodePhase.Running) {
          AttemptEnd end = foldObservation(status,
              observations.getOrDefault(node.getName(), AttemptObservation.running()), node);
          if (end != null) {
            ended.put(node.getName(), end);
          }
        }
      }
      // Which failure fails the run is known before any retry is planned: a node is never told to retry and
      // cancelled in the same step.
      failedNode = firstFailureThatFailsTheRun(ended);
      ended.forEach((name, end) -> apply(end, run.node(name), nodes.get(name)));
      settleFanOuts();
      if (inFinally) {
        decideFinallyLaunches();
        return;
      }
      if (timedOut()) {
        // Not forced: the main part ends with Timeout, and finally nodes may still run.
        mainTimedOut = true;
        cancelActiveNodes("run timed out", false);
        return;
      }
      if (cancelledNow()) {
        return;
      }
      if (run.timeout().compareTo(Duration.ZERO) > 0) {
        wakeAt(run.startTime().plus(run.timeout()));
      }
      if (failedNode == null) {
        skipListedNodes();
      }
      if (failedNode != null) {
        cancelWaitingNodes("cancelled: node " + failedNode + " failed");
      } else if (run.desired() == DesiredRunState.Stopped) {
        // Nodes waiting for a retry keep waiting while running ones finish, as in a paused run: set back to Running
        // before it ends, the run retries them. They are cancelled when it ends.
        if (count(NodePhase.Running) == 0) {
          cancelWaitingNodes("cancelled: run stopped (spec.state: Stopped)");
        }
      } else if (run.desired() == DesiredRunState.Running) {
        launchReadyNodes();
      }
      // Paused: nothing new starts, retries included; nodes waiting for a retry keep waiting for Running.
    }

    /** The run is cancelled (spec.state Cancelled, or replaced): every node stops now, finally nodes never start. */
    private boolean cancelledNow() {
      if (run.stop().isPresent()) {
        forcedEnd = run.stop().get();
        cancelActiveNodes(forcedEnd.message(), true);
        return true;
      }
      if (run.desired() == DesiredRunState.Cancelled) {
        forcedEnd = new RunOutcome(RunPhase.Cancelled, "Cancelled", "cancelled (spec.state: Cancelled)");
        cancelActiveNodes("run cancelled (spec.state: Cancelled)", true);
        return true;
      }
      return false;
    }

    /**
     * The finally part: its nodes run whatever spec.state Stopped or the run timeout say (they are what runs after
     * those), bounded by spec.finallyTimeout instead; Paused holds them and Cancelled stops them.
     */
    private void decideFinallyLaunches() {
      if (cancelledNow()) {
        return;
      }
      Optional<Instant> deadline = FinallyRules.deadline(finallyState, run.finallyTimeout());
      if (deadline.isPresent() && !now.isBefore(deadline.get())) {
        finallyTimedOut = true;
        failFinallyNodesAtTimeout();
        return;
      }
      deadline.ifPresent(this::wakeAt);
      if (failedNode == null) {
        skipListedNodes();
      }
      if (failedNode != null) {
        cancelWaitingNodes("cancelled: finally node " + failedNode + " failed");
      } else if (run.desired() != DesiredRunState.Paused) {
        launchReadyNodes();
      }
    }

    private void failFinallyNodesAtTimeout() {
      String why = "the finally part timed out after " + GoDuration.format(run.finallyTimeout());
      for (NodeStatus status : nodes.values()) {
        if (!inPart(status.getName())) {
          continue;
        }
        if (status.getPhase() == NodePhase.Running) {
          if (!status.isFanOut()) {
            jobsToDelete.add(jobOf(status));
          }
          status.setPhase(NodePhase.Failed);
          status.setCompletionTime(Timestamps.format(now));
          status.setExitCode(null);
          status.setReason(FinallyRules.TIMEOUT_REASON);
          status.setMessage(why);
          events.add(PlannedEvent.warning("NodeFailed", "node " + status.getName() + " failed: " + why));
        } else if (awaitsAnotherAttempt(status)) {
          cancel(status, "cancelled: " + why);
        }
      }
    }

    /**
     * Completes the step with the API server's answers to the launches, by node name (a launch without an
     * answer was created).
     */
    public RunDecision finish(Map<String, LaunchOutcome> outcomes) {
      for (NodeLaunch launch : launches) {
        LaunchOutcome outcome = outcomes.getOrDefault(launch.node(), LaunchOutcome.created());
        NodeStatus status = nodes.get(launch.node());
        switch (outcome.kind()) {
          case CREATED -> {
            events.add(PlannedEvent.nodeProgress("NodeStarted",
                "node " + launch.node() + " attempt " + launch.attempt() + " started as Job " + launch.jobName()));
            // A Job whose pod is never created changes nothing the run watches; look again when the grace ends.
            wakeAt(now.plus(podStartGracePeriod));
          }
          case FAILED -> {
            String before = failedNode;
            attemptFailed(run.node(launch.node()), status, null, outcome.reason(), outcome.message(), now);
            if (before == null && failedNode != null) {
              cancelWaitingNodes("cancelled: node " + failedNode + " failed");
            }
          }
          case DEFERRED -> {
            NodeStatus previous = beforeLaunch.get(launch.node());
            if (previous == null) {
              nodes.remove(launch.node());
            } else {
              nodes.put(launch.node(), previous);
            }
            deferredMessage = outcome.message();
            wakeAt(now.plus(DEFERRED_LAUNCH_RECHECK));
          }
          default -> throw new IllegalStateException("unknown launch outcome " + outcome.kind());
        }
      }
      List<NodeLaunch> created = launches.stream()
          .filter(launch -> outcomes.getOrDefault(launch.node(), LaunchOutcome.created()).kind()
              == LaunchOutcome.Kind.CREATED)
          .toList();
      settleFanOuts();
      RunOutcome outcome = forcedEnd != null ? forcedEnd : inFinally ? finallyOutcome(created) : outcome(created);
      if (!inFinally && FinallyRules.runsAfter(outcome, run.hasFinally())) {
        // Its nodes start in the next step, which reads the main part's outcome from status like every later one.
        finallyState = new FinallyState(now, outcome);
        events.add(PlannedEvent.runProgress("FinallyStarted", "main part ended (" + finallyState.runStatus()
            + "): " + outcome.message() + "; running finally nodes"));
        wakeAt(now);
        outcome = RunOutcome.running(limit("running finally nodes; main part " + finallyState.runStatus() + ": "
            + outcome.message(), RUN_MESSAGE_LIMIT));
      }
      if (outcome.finished()) {
        events.add(switch (outcome.phase()) {
          case Succeeded -> PlannedEvent.runProgress("Succeeded", "run succeeded: " + progress() + " nodes finished");
          case Cancelled -> PlannedEvent.warning("Cancelled", "run cancelled: " + outcome.message());
          default -> PlannedEvent.warning("Failed", "run failed: " + outcome.message());
        });
      }
      return new RunDecision(orderedNodes(), created, jobsToDelete, events, outcome, progress(),
          outcome.finished() ? Optional.empty() : Optional.ofNullable(wakeUpAt), List.copyOf(refusals),
          finallyState);
    }

    /** The first node of the part being planned whose failure fails it (fail fast holds in each part). */
    private String firstFailureThatFailsTheRun(Map<String, AttemptEnd> ended) {
      for (NodeSpec node : runnableNodes(partNodes())) {
        if (node.isAllowFailure()) {
          continue;
        }
        NodeStatus status = nodes.get(node.getName());
        AttemptEnd end = ended.get(node.getName());
        boolean failedBefore = status != null && status.getPhase() == NodePhase.Failed;
        boolean failsNow = end != null && !end.succeeded() && !retriedByPlatform(status, end)
            && ownAttempts(status) > retryLimit(node);
        if (failedBefore || failsNow) {
          return node.getName();
        }
      }
      return null;
    }

    /** Reads what the cluster shows of a running attempt; returns how it ended, or null while it goes on. */
    private AttemptEnd foldObservation(NodeStatus status, AttemptObservation seen, NodeSpec node) {
      AttemptState state = seen.state();
      if (state == AttemptState.SUCCEEDED) {
        OutputsResult outputs = OutputsParser.parse(seen.terminationMessage(), node.getOutputs());
        return outputs.ok()
            ? AttemptEnd.success(outputs, seen.finishedAt())
            : AttemptEnd.failure(0, outputs.failureReason(), outputs.failureMessage(), seen.finishedAt());
      }
      if (state == AttemptState.FAILED) {
        return seen.platform()
            ? AttemptEnd.platformFailure(seen.exitCode(), seen.reason(), describeFailure(seen), seen.finishedAt())
            : AttemptEnd.failure(seen.exitCode(), seen.reason(), describeFailure(seen), seen.finishedAt());
      }
      if (state == AttemptState.MISSING) {
        return AttemptEnd.failure(null, seen.reason(), "Job " + jobOf(status) + " was deleted", now);
      }
      if (seen.stuckSince() != null) {
        String message = "pod cannot start: " + seen.reason()
            + (isBlank(seen.message()) ? "" : ": " + seen.message());
        Instant giveUpAt = seen.stuckSince().plus(podStartGracePeriod);
        if (!now.isBefore(giveUpAt)) {
          jobsToDelete.add(jobOf(status));
          return AttemptEnd.failure(null, seen.reason(),
              message + " (gave up after " + GoDuration.format(podStartGracePeriod) + ")", now);
        }
        status.setReason(seen.reason());
        status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
        wakeAt(giveUpAt);
        return null;
      }
      if (seen.recheckAt() != null) {
        wakeAt(seen.recheckAt());
      }
      // A running node carries reason/message only while its pod cannot start; it started now.
      status.setReason(null);
      status.setMessage(null);
      return null;
    }

    /** How one attempt ended, applied once the step knows whether the run fails fast. */
    private record AttemptEnd(boolean succeeded, OutputsResult outputs, Integer exitCode, String reason,
        String message, Instant finishedAt, boolean platform) {
      static AttemptEnd success(OutputsResult outputs, Instant finishedAt) {
        return new AttemptEnd(true, outputs, 0, null, null, finishedAt, false);
      }

      static AttemptEnd failure(Integer exitCode, String reason, String message, Instant finishedAt) {
        return new AttemptEnd(false, null, exitCode, reason, message, finishedAt, false);
      }

      static AttemptEnd platformFailure(Integer exitCode, String reason, String message, Instant finishedAt) {
        return new AttemptEnd(false, null, exitCode, reason, message, finishedAt, true);
      }
    }

    /** The platform ended this attempt and may be retried once more without the node's retry budget. */
    private boolean retriedByPlatform(NodeStatus status, AttemptEnd end) {
      return end.platform() && status.getPlatformRetries() < platformRetryLimit;
    }

    /** Attempts the node's own retry limit counts: those the platform ended were retried outside it. */
    private int ownAttempts(NodeStatus status) {
      return status.getAttempt() - status.getPlatformRetries();
    }

    private void apply(AttemptEnd end, NodeSpec node, NodeStatus status) {
      if (end.succeeded()) {
        succeed(status, end.outputs(), end.finishedAt());
      } else if (retriedByPlatform(status, end) && failedNode == null) {
        retryAfterPlatformFailure(node, status, end);
      } else {
        attemptFailed(node, status, end.exitCode(), end.reason(), end.message(), end.finishedAt());
      }
    }

    private void succeed(NodeStatus status, OutputsResult outputs, Instant finishedAt) {
      status.setPhase(NodePhase.Succeeded);
      status.setCompletionTime(Timestamps.format(finishedAt == null ? now : finishedAt));
      // Exit code 0 is what Succeeded means: left out to keep big runs' status small.
      status.setExitCode(null);
      status.setReason(null);
      status.setMessage(null);
      status.setOutputs(new LinkedHashMap<>(outputs.outputs()));
      events.add(PlannedEvent.nodeProgress("NodeSucceeded",
          "node " + status.getName() + " succeeded (attempt " + status.getAttempt() + ")"));
    }

    /**
     * At once, as a new attempt (a Job of its own: the old one stays visible): the user's command did not fail,
     * so there is nothing to wait for, and the node's retry delay and limit are not the platform's.
     */
    private void retryAfterPlatformFailure(NodeSpec node, NodeStatus status, AttemptEnd end) {
      int retry = status.getPlatformRetries() + 1;
      status.setPlatformRetries(retry);
      status.setPlatformReason(end.reason());
      status.setPhase(NodePhase.Pending);
      status.setCompletionTime(Timestamps.format(end.finishedAt() == null ? now : end.finishedAt()));
      status.setExitCode(end.exitCode());
      status.setReason(end.reason());
      status.setMessage(limit(end.message(), NODE_MESSAGE_LIMIT));
      events.add(PlannedEvent.normal("NodeRetrying", "node " + node.getName() + " attempt " + status.getAttempt()
          + " was ended by the platform (" + end.reason() + ": " + firstLine(end.message()) + "); attempt "
          + (status.getAttempt() + 1) + " now, platform retry " + retry + " of " + platformRetryLimit
          + ", not counted against the node's retry limit"));
    }

    private void attemptFailed(NodeSpec node, NodeStatus status, Integer exitCode, String reason, String message,
        Instant finishedAt) {
      status.setExitCode(exitCode);
      status.setReason(reason);
      status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
      Instant failedAt = finishedAt == null ? now : finishedAt;
      status.setCompletionTime(Timestamps.format(failedAt));
      if (ownAttempts(status) <= retryLimit(node) && failedNode == null) {
        status.setPhase(NodePhase.Waiting);
        Duration delay = RetryPolicy.delayBeforeRetry(EffectiveNodeSettings.retry(run.spec(), node),
            ownAttempts(status));
        wakeAt(failedAt.plus(delay));
        events.add(PlannedEvent.normal("NodeRetrying", "node " + node.getName() + " attempt "
            + status.getAttempt() + " failed (" + firstLine(message) + "); attempt " + (status.getAttempt() + 1)
            + " in " + GoDuration.format(delay)));
        return;
      }
      status.setPhase(NodePhase.Failed);
      events.add(PlannedEvent.warning("NodeFailed", "node " + node.getName() + " failed: " + firstLine(message)));
      if (!node.isAllowFailure() && failedNode == null) {
        failedNode = node.getName();
      }
    }

    private int retryLimit(NodeSpec node) {
      return RetryPolicy.retryLimit(EffectiveNodeSettings.retry(run.spec(), node));
    }

    private boolean timedOut() {
      return run.timeout().compareTo(Duration.ZERO) > 0 && run.startTime() != null
          && !now.isBefore(run.startTime().plus(run.timeout()));
    }

    /** @param allParts false: only the part being planned (a finally node reset by spec.retry keeps waiting) */
    private void cancelActiveNodes(String why, boolean allParts) {
      for (NodeStatus status : nodes.values()) {
        if (!allParts && !inPart(status.getName())) {
          continue;
        }
        if (status.getPhase() == NodePhase.Running) {
          if (!status.isFanOut()) {
            jobsToDelete.add(jobOf(status));
          }
          cancel(status, "cancelled: " + why);
        } else if (awaitsAnotherAttempt(status)) {
          cancel(status, "cancelled: " + why);
        }
      }
    }

    private void cancelWaitingNodes(String message) {
      for (NodeStatus status : nodes.values()) {
        if (inPart(status.getName()) && awaitsAnotherAttempt(status)) {
          cancel(status, message);
        }
      }
    }

    /** Waiting for its retry delay, or Pending after an attempt (spec.retry reset it, or the platform ended it). */
    private static boolean awaitsAnotherAttempt(NodeStatus status) {
      return status.getPhase() == NodePhase.Waiting
          || status.getPhase() == NodePhase.Pending && status.getAttempt() > 0;
    }

    private void cancel(NodeStatus status, String message) {
      RunStatuses.cancel(status, message, now);
    }

    /**
     * spec.skipNodes, level-triggered: a listed node that has not started (or waits for a retry) becomes Skipped
     * and lets its dependents run; one that runs or ran is refused, for as long as it is listed.
     */
    private void skipListedNodes() {
      for (String name : run.skipNodes()) {
        if (run.node(name) == null) {
          refusals.add("spec.skipNodes: the pipeline has no node " + name);
          continue;
        }
        NodeStatus status = nodes.get(name);
        NodePhase phase = status == null ? NodePhase.Pending : status.getPhase();
        if (inFinally && !inPart(name) && (phase == NodePhase.Pending || phase == NodePhase.Waiting)) {
          continue; // the main part has ended: a main node that never started stays so
        }
        switch (phase) {
          case Pending, Waiting -> skip(name, null, "skipped (spec.skipNodes)");
          case Skipped -> { }
          // One wording whether it runs or ran: the refusal is announced once, not again when the node ends.
          default -> refusals.add("spec.skipNodes: node " + name
              + " has already started; only a node that has not started can be skipped");
        }
      }
    }

    private void skip(String name, String reason, String message) {
      NodeStatus status = nodes.computeIfAbsent(name, NodeStatus::new);
      status.setPhase(NodePhase.Skipped);
      status.setCompletionTime(Timestamps.format(now));
      status.setExitCode(null);
      status.setReason(reason);
      status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
      status.getOutputs().clear();
      PlannedEvent event = "skipped (spec.skipNodes)".equals(message)
          ? PlannedEvent.normal("NodeSkipped", "node " + name + " " + message)
          // Status says it, like a node start: an Event only when node events are asked for.
          : PlannedEvent.nodeProgress("NodeSkipped", "node " + name + " " + message);
      events.add(event);
    }

    private void launchReadyNodes() {
      for (String name : run.dag().topologicalOrder()) {
        if (launches.size() >= MAX_LAUNCHES_PER_STEP) {
          wakeAt(now); // the rest of a huge fan-out starts in the next step
          return;
        }
        if (!inPart(name)) {
          continue;
        }
        NodeStatus status = nodes.get(name);
        if (RunSnapshot.isForEach(run.node(name))) {
          launchFanOut(name, status);
          if (failedNode != null) {
            cancelWaitingNodes("cancelled: node " + failedNode + " failed");
            return;
          }
        } else if (status == null || status.getPhase() == NodePhase.Pending) {
          // Pending with an attempt: reset by spec.retry, so its next Job is a new attempt, never an old name.
          if (dependenciesSatisfied(name)) {
            int attempt = status == null ? 1 : status.getAttempt() + 1;
            Optional<String> unmet = whenUnmet(name, attempt);
            if (unmet.isPresent()) {
              skip(name, WhenEvaluator.REASON, unmet.get());
            } else {
              launch(name, attempt);
            }
          }
        } else if (status.getPhase() == NodePhase.Waiting) {
          Instant due = retryDue(run.node(name), status);
          if (!now.isBefore(due)) {
            launch(name, status.getAttempt() + 1);
          } else {
            wakeAt(due);
          }
        }
      }
    }

    /**
     * A forEach node: once its dependencies are done it takes its items (or fails, or succeeds with none), then
     * starts children in item order, at most maxParallel running at once, retries of waiting children first.
     */
    private void launchFanOut(String name, NodeStatus status) {
      NodeSpec node = run.node(name);
      if (status == null || status.getPhase() == NodePhase.Pending) {
        if (!dependenciesSatisfied(name)) {
          return;
        }
        Optional<String> unmet = whenUnmet(name, 1);
        if (unmet.isPresent()) {
          skip(name, WhenEvaluator.REASON, unmet.get()); // the whole node: no item is taken
          return;
        }
        ForEachItems.Result items = items(node);
        status = nodes.computeIfAbsent(name, NodeStatus::new);
        if (!items.ok()) {
          status.setStartTime(Timestamps.format(now));
          failWithoutChildren(node, status, items.reason(), items.message());
          return;
        }
        startFanOut(node, status, items.items());
        if (status.getPhase() != NodePhase.Running) {
          return;
        }
      }
      if (status.getPhase() != NodePhase.Running || !status.isFanOut()) {
        return;
      }
      List<String> items = items(node).items();
      int limit = node.getMaxParallel() == null ? Integer.MAX_VALUE : node.getMaxParallel();
      int running = (int) children(name).stream().filter(child -> child.getPhase() == NodePhase.Running).count();
      for (int index = 0; index < Math.min(status.getItems(), items.size()); index++) {
        if (running >= limit) {
          return;
        }
        if (launches.size() >= MAX_LAUNCHES_PER_STEP) {
          wakeAt(now);
          return;
        }
        String child = ForEachChildren.childName(name, index);
        NodeStatus childStatus = nodes.get(child);
        if (childStatus == null || childStatus.getPhase() == NodePhase.Pending) {
          launchItem(name, child, childStatus == null ? 1 : childStatus.getAttempt() + 1, items.get(index), index);
          running++;
        } else if (childStatus.getPhase() == NodePhase.Waiting) {
          Instant due = retryDue(run.node(child), childStatus);
          if (!now.isBefore(due)) {
            launchItem(name, child, childStatus.getAttempt() + 1, items.get(index), index);
            running++;
          } else {
            wakeAt(due);
          }
        }
      }
    }

    private ForEachItems.Result items(NodeSpec node) {
      return ForEachItems.resolve(node.getForEach(), NodeParamValues.of(run.params(), node),
          UpstreamOutputs.of(run, nodes.values()));
    }

    private void startFanOut(NodeSpec node, NodeStatus status, List<String> items) {
      status.setItems(items.size());
      status.setAttempt(0);
      status.setJob(null);
      clearForANewStart(status);
      if (items.isEmpty()) {
        succeedFanOut(node, status);
        return;
      }
      status.setPhase(NodePhase.Running);
      events.add(PlannedEvent.nodeProgress("NodeStarted",
          "node " + node.getName() + " started " + items.size() + " item(s)"
              + (node.getMaxParallel() == null ? "" : ", at most " + node.getMaxParallel() + " at once")));
    }

    private void launchItem(String parent, String child, int attempt, String item, int index) {
      launch(child, attempt);
      nodes.get(child).setParent(parent);
      NodeLaunch plain = launches.remove(launches.size() - 1);
      launches.add(new NodeLaunch(plain.node(), plain.attempt(), plain.jobName(), item, index));
    }

    private Instant retryDue(NodeSpec node, NodeStatus status) {
      Instant failedAt = Timestamps.parse(status.getCompletionTime());
      Duration delay = RetryPolicy.delayBeforeRetry(EffectiveNodeSettings.retry(run.spec(), node),
          ownAttempts(status));
      return (failedAt == null ? now : failedAt).plus(delay);
    }

    /** The forEach node's children in status, by index (only those within its items). */
    private List<NodeStatus> children(String parent) {
      NodeStatus status = nodes.get(parent);
      List<NodeStatus> children = new ArrayList<>();
      if (status == null || !status.isFanOut()) {
        return children;
      }
      for (int index = 0; index < status.getItems(); index++) {
        NodeStatus child = nodes.get(ForEachChildren.childName(parent, index));
        if (child != null) {
          children.add(child);
        }
      }
      return children;
    }

    /** The nodes that run Jobs: the given nodes, a forEach node's children in its place. */
    private List<NodeSpec> runnableNodes(List<NodeSpec> specNodes) {
      List<NodeSpec> runnable = new ArrayList<>(specNodes.size());
      for (NodeSpec node : specNodes) {
        if (RunSnapshot.isForEach(node)) {
          children(node.getName()).forEach(child -> runnable.add(run.node(child.getName())));
        } else {
          runnable.add(node);
        }
      }
      return runnable;
    }

    /**
     * Ends each running forEach node whose children are done: Succeeded with its outputs gathered when every
     * item succeeded (or failed with allowFailure), Failed when one failed; and, once nothing more will start in
     * this run (it fails, stops, ends or is cancelled), Failed or Cancelled with children never started.
     */
    private void settleFanOuts() {
      for (NodeSpec node : PipelineNodes.all(run.spec())) {
        NodeStatus status = nodes.get(node.getName());
        if (!RunSnapshot.isForEach(node) || status == null || status.getPhase() != NodePhase.Running
            || !status.isFanOut()) {
          continue;
        }
        List<NodeStatus> children = children(node.getName());
        if (children.stream().anyMatch(child -> !child.getPhase().isFinished())) {
          continue;
        }
        Optional<NodeStatus> failed = children.stream()
            .filter(child -> child.getPhase() == NodePhase.Failed || child.getPhase() == NodePhase.Cancelled)
            .findFirst();
        boolean complete = children.size() == status.getItems();
        // Stopped: only once nothing runs any more, as for waiting nodes; resumed before that, the node goes on.
        boolean nothingMoreStarts = failedNode != null || forcedEnd != null || mainTimedOut || finallyTimedOut
            || !inFinally && run.desired() == DesiredRunState.Stopped && count(NodePhase.Running) == 0
            || run.desired() == DesiredRunState.Cancelled;
        if (complete && failed.isEmpty()) {
          succeedFanOut(node, status);
        } else if (failed.isPresent() && failed.get().getPhase() == NodePhase.Failed && (complete || nothingMoreStarts)) {
          NodeStatus child = failed.get();
          failWithoutChildren(node, status, child.getReason(), "item " + ForEachChildren.parse(child.getName())
              .map(ForEachChildren.Child::index).orElse(-1) + " (" + child.getName() + ") failed: "
              + firstLine(child.getMessage()));
        } else if (complete || nothingMoreStarts) {
          String why = failedNode != null ? "node " + failedNode + " failed"
              : mainTimedOut ? "run timed out" : finallyTimedOut ? "the finally part timed out"
              : forcedEnd != null ? firstLine(forcedEnd.message()) : "run " + run.desired().name().toLowerCase();
          cancel(status, "cancelled: " + why);
        }
      }
    }

    private void succeedFanOut(NodeSpec node, NodeStatus status) {
      Map<String, String> gathered = new LinkedHashMap<>();
      for (String output : node.getOutputs()) {
        List<String> values = new ArrayList<>(status.getItems());
        for (int index = 0; index < status.getItems(); index++) {
          NodeStatus child = nodes.get(ForEachChildren.childName(node.getName(), index));
          String value = child == null || child.getPhase() != NodePhase.Succeeded ? null
              : child.getOutputs().get(output);
          values.add(value == null ? "" : value);
        }
        gathered.put(output, JsonArrays.of(values));
      }
      status.setPhase(NodePhase.Succeeded);
      status.setCompletionTime(Timestamps.format(now));
      status.setOutputs(gathered);
      events.add(PlannedEvent.nodeProgress("NodeSucceeded",
          "node " + node.getName() + " succeeded (" + status.getItems() + " item(s))"));
    }

    /** Fails a forEach node itself (its items could not be read, or an item failed): no attempt is retried. */
    private void failWithoutChildren(NodeSpec node, NodeStatus status, String reason, String message) {
      status.setPhase(NodePhase.Failed);
      status.setCompletionTime(Timestamps.format(now));
      status.setReason(reason);
      status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
      if (status.getItems() == null) {
        status.getOutputs().clear();
      }
      events.add(PlannedEvent.warning("NodeFailed", "node " + node.getName() + " failed: " + firstLine(message)));
      if (!node.isAllowFailure() && failedNode == null) {
        failedNode = node.getName();
      }
    }

    /** Evaluated once, when the node is otherwise ready: a Skipped node is never looked at again. */
    private Optional<String> whenUnmet(String name, int attempt) {
      NodeSpec node = run.node(name);
      if (node.getWhen().isEmpty()) {
        return Optional.empty();
      }
      return WhenEvaluator.unmet(node.getWhen(), NodeInputs.of(run, nodes, node, attempt));
    }

    private boolean dependenciesSatisfied(String name) {
      for (String dependency : run.dag().dependencies(name)) {
        NodeStatus status = nodes.get(dependency);
        if (status == null || !letsDependentsRun(status)) {
          return false;
        }
      }
      return true;
    }

    private boolean letsDependentsRun(NodeStatus status) {
      return switch (status.getPhase()) {
        case Succeeded, Skipped -> true;
        case Failed -> run.node(status.getName()).isAllowFailure();
        default -> false;
      };
    }

    private void launch(String name, int attempt) {
      NodeStatus previous = nodes.get(name);
      beforeLaunch.put(name, previous == null ? null : copy(previous));
      NodeStatus status = nodes.computeIfAbsent(name, NodeStatus::new);
      String jobName = JobNames.jobName(run.runName(), name, attempt);
      status.setPhase(NodePhase.Running);
      status.setAttempt(attempt);
      // The plain <run>-<node>-<attempt> is derivable and left out: status stays small for huge runs.
      status.setJob(JobNames.isPlain(run.runName(), name, attempt) ? null : jobName);
      clearForANewStart(status);
      launches.add(new NodeLaunch(name, attempt, jobName));
    }

    /** What a start keeps is the first start time; the last end's details go. */
    private void clearForANewStart(NodeStatus status) {
      if (status.getStartTime() == null) {
        status.setStartTime(Timestamps.format(now));
      }
      status.setCompletionTime(null);
      status.setExitCode(null);
      status.setReason(null);
      status.setMessage(null);
      status.getOutputs().clear();
    }

    private String jobOf(NodeStatus status) {
      return JobNames.jobOf(run.runName(), status);
    }

    /** The main part's outcome. */
    private RunOutcome outcome(List<NodeLaunch> created) {
      if (timedOut()) {
        return new RunOutcome(RunPhase.Failed, "Timeout", "run timed out after " + GoDuration.format(run.timeout()));
      }
      long running = count(NodePhase.Running);
      if (failedNode != null) {
        String message = "node " + failedNode + " failed: " + firstLine(nodes.get(failedNode).getMessage());
        if (running > 0) {
          return RunOutcome.running(limit(message + "; waiting for " + running + " running node(s) to finish",
              RUN_MESSAGE_LIMIT));
        }
        return new RunOutcome(RunPhase.Failed, "Failed", limit(message, RUN_MESSAGE_LIMIT));
      }
      List<String> toleratedFailures = new ArrayList<>();
      boolean allDone = true;
      for (NodeSpec node : run.spec().getNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if (status == null || !letsDependentsRun(status)) {
          allDone = false;
          break;
        }
        if (status.getPhase() == NodePhase.Failed) {
          toleratedFailures.add(node.getName());
        }
      }
      if (allDone) {
        String message = toleratedFailures.isEmpty() ? "all nodes succeeded"
            : "succeeded; failed with allowFailure: " + String.join(", ", toleratedFailures);
        return new RunOutcome(RunPhase.Succeeded, "Succeeded", limit(message, RUN_MESSAGE_LIMIT));
      }
      if (run.desired() == DesiredRunState.Stopped) {
        return running == 0
            ? new RunOutcome(RunPhase.Cancelled, "Stopped", "stopped (spec.state: Stopped) with " + progress()
                + " nodes finished")
            : new RunOutcome(RunPhase.Stopping, "Stopped", "stopping: waiting for " + running
                + " running node(s) to finish");
      }
      if (run.desired() == DesiredRunState.Paused) {
        return new RunOutcome(RunPhase.Paused, "Running", running == 0 ? "paused (spec.state: Paused)"
            : "paused (spec.state: Paused): " + running + " running node(s) go on, no new node starts");
      }
      if (deferredMessage != null) {
        return RunOutcome.running(limit("waiting: " + deferredMessage, RUN_MESSAGE_LIMIT));
      }
      if (aNodeCanStart()) {
        // A create rejected in this step ended a node with allowFailure after the launches were decided: its
        // dependents start in the next step, at once, rather than when some other node happens to end.
        wakeAt(now);
        return RunOutcome.running(null);
      }
      if (running == 0 && count(NodePhase.Waiting) == 0 && created.isEmpty()) {
        // Defensive: only reachable with a status edited by hand; ending beats waiting forever.
        return new RunOutcome(RunPhase.Failed, "Failed", "no node can start");
      }
      return RunOutcome.running(null);
    }

    /**
     * The run's outcome while its finally part runs, and once it is done: the main part's outcome, except that a
     * finally failure (or the finally timeout) fails a run whose main part succeeded.
     */
    private RunOutcome finallyOutcome(List<NodeLaunch> created) {
      long running = count(NodePhase.Running);
      String failure = null;
      if (finallyTimedOut) {
        failure = "the finally part timed out after " + GoDuration.format(run.finallyTimeout());
      } else if (failedNode != null) {
        failure = "finally node " + failedNode + " failed: " + firstLine(nodes.get(failedNode).getMessage());
        if (running > 0) {
          return RunOutcome.running(limit(failure + "; waiting for " + running + " running node(s) to finish",
              RUN_MESSAGE_LIMIT));
        }
      } else if (!partDone()) {
        if (run.desired() == DesiredRunState.Paused) {
          return new RunOutcome(RunPhase.Paused, "Running", "paused (spec.state: Paused) in the finally part");
        }
        if (deferredMessage != null) {
          return RunOutcome.running(limit("waiting: " + deferredMessage, RUN_MESSAGE_LIMIT));
        }
        if (aNodeCanStart()) {
          wakeAt(now);
        } else if (running == 0 && count(NodePhase.Waiting) == 0 && created.isEmpty()) {
          failure = "no finally node can start"; // defensive, as in the main part
        }
        if (failure == null) {
          return RunOutcome.running(limit("running finally nodes; main part " + finallyState.runStatus() + ": "
              + finallyState.mainOutcome().message(), RUN_MESSAGE_LIMIT));
        }
      }
      return FinallyRules.end(finallyState.mainOutcome(), failure, RUN_MESSAGE_LIMIT);
    }

    /** Every node of the part being planned lets its dependents run (Succeeded, Skipped, tolerated failure). */
    private boolean partDone() {
      for (NodeSpec node : partNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if (status == null || !letsDependentsRun(status)) {
          return false;
        }
      }
      return true;
    }

    private List<NodeSpec> partNodes() {
      return inFinally ? run.spec().getFinallyNodes() : run.spec().getNodes();
    }

    private boolean inPart(String name) {
      return run.isFinally(name) == inFinally;
    }

    /** Whether a node that has not started (or was reset by spec.retry) has its dependencies done. */
    private boolean aNodeCanStart() {
      for (NodeSpec node : partNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if ((status == null || status.getPhase() == NodePhase.Pending) && dependenciesSatisfied(node.getName())) {
          return true;
        }
      }
      return false;
    }

    /** Nodes of the part being planned with Jobs in that phase: a forEach node counts through its children. */
    private long count(NodePhase phase) {
      return nodes.values().stream()
          .filter(status -> status.getPhase() == phase && !status.isFanOut() && inPart(status.getName())).count();
    }

    /** Finished over all, a forEach node counting as its items once it has them. */
    private String progress() {
      long finished = 0;
      long total = 0;
      for (NodeSpec node : PipelineNodes.all(run.spec())) {
        NodeStatus status = nodes.get(node.getName());
        if (status != null && status.isFanOut()) {
          total += status.getItems();
          finished += status.getPhase() == NodePhase.Succeeded ? status.getItems()
              : children(node.getName()).stream().filter(child -> child.getPhase().isFinished()).count();
        } else {
          total++;
          finished += status != null && status.getPhase().isFinished() ? 1 : 0;
        }
      }
      return finished + "/" + total;
    }

    private List<NodeStatus> orderedNodes() {
      List<NodeStatus> ordered = new ArrayList<>(nodes.size());
      for (NodeSpec node : PipelineNodes.all(run.spec())) {
        List<NodeStatus> children = children(node.getName());
        // remove: a node name repeated in a (hand-edited) snapshot is listed once
        NodeStatus status = nodes.remove(node.getName());
        if (status != null) {
          ordered.add(status);
        }
        for (NodeStatus child : children) {
          if (nodes.remove(child.getName()) != null) {
            ordered.add(child);
          }
        }
      }
      // Children beyond their node's items (named in spec.skipNodes before the items were known) stay listed.
      ordered.addAll(nodes.values());
      nodes.clear();
      ordered.forEach(status -> nodes.put(status.getName(), status));
      return ordered;
    }

    private void wakeAt(Instant instant) {
      if (wakeUpAt == null || instant.isBefore(wakeUpAt)) {
        wakeUpAt = instant;
      }
    }
  }

  private static String describeFailure(AttemptObservation seen) {
    if (seen.exitCode() != null) {
      return "exit code " + seen.exitCode() + (isBlank(seen.message()) ? "" : ": " + seen.message().strip());
    }
    return isBlank(seen.message()) ? String.valueOf(seen.reason()) : seen.message();
  }

  private static NodeStatus copy(NodeStatus source) {
    NodeStatus copy = new NodeStatus(source.getName());
    copy.setPhase(source.getPhase() == null ? NodePhase.Running : source.getPhase());
    // A node skipped before it started has no attempt; any other entry had one (a hand-edited 0 reads as 1).
    copy.setAttempt(source.getPhase() == NodePhase.Skipped || source.isFanOut() ? Math.max(0, source.getAttempt())
        : Math.max(1, source.getAttempt()));
    copy.setParent(source.getParent());
    copy.setItems(source.getItems());
    copy.setJob(source.getJob());
    copy.setStartTime(source.getStartTime());
    copy.setCompletionTime(source.getCompletionTime());
    copy.setExitCode(source.getExitCode());
    copy.setReason(source.getReason());
    copy.setMessage(source.getMessage());
    copy.setPlatformRetries(source.getPlatformRetries());
    copy.setPlatformReason(source.getPlatformReason());
    copy.setOutputs(new LinkedHashMap<>(source.getOutputs()));
    return copy;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }

  private static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline) + " ...";
  }

  /** Cuts the middle of long text: the head names the node and exit code, a log tail's end is what users read. */
  static String limit(String text, int max) {
    return Messages.abbreviate(text, max);
  }
}
