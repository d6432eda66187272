package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.RunPhase;
import io.flowline.engine.AttemptObservation.AttemptState;
import io.flowline.engine.OutputsResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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

  private final Duration podStartGracePeriod;

  public RunPlanner(Duration podStartGracePeriod) {
    this.podStartGracePeriod = podStartGracePeriod;
  }

  public RunDecision plan(RunSnapshot run, List<NodeStatus> current, Map<String, AttemptObservation> observations,
      Instant now) {
    return new Step(run, current, observations, now).plan();
  }

  /** One planning step's working state; never touches the caller's NodeStatus objects. */
  private final class Step {
    private final RunSnapshot run;
    private final Map<String, AttemptObservation> observations;
    private final Instant now;
    private final Map<String, NodeStatus> nodes = new LinkedHashMap<>();
    private final List<NodeLaunch> launches = new ArrayList<>();
    private final List<String> jobsToDelete = new ArrayList<>();
    private final List<PlannedEvent> events = new ArrayList<>();
    private Instant wakeUpAt;
    private String failedNode;

    Step(RunSnapshot run, List<NodeStatus> current, Map<String, AttemptObservation> observations, Instant now) {
      this.run = run;
      this.observations = observations;
      this.now = now;
      for (NodeStatus status : current) {
        if (run.node(status.getName()) != null) {
          nodes.putIfAbsent(status.getName(), copy(status));
        }
      }
    }

    RunDecision plan() {
      failedNode = firstFailureThatFailsTheRun();
      for (NodeSpec node : run.spec().getNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if (status != null && status.getPhase() == NodePhase.Running) {
          foldObservation(node, status, observations.getOrDefault(node.getName(), AttemptObservation.running()));
        }
      }
      RunOutcome outcome;
      if (timedOut()) {
        cancelActiveNodes("run timed out");
        outcome = new RunOutcome(RunPhase.Failed, "Timeout",
            "run timed out after " + GoDuration.format(run.timeout()));
      } else {
        if (run.timeout().compareTo(Duration.ZERO) > 0) {
          wakeAt(run.startTime().plus(run.timeout()));
        }
        if (failedNode != null) {
          cancelWaitingNodes("cancelled: node " + failedNode + " failed");
        } else {
          launchReadyNodes();
        }
        outcome = outcome();
      }
      if (outcome.finished()) {
        events.add(outcome.phase() == RunPhase.Succeeded
            ? PlannedEvent.normal("Succeeded", "run succeeded: " + progress() + " nodes finished")
            : PlannedEvent.warning("Failed", "run failed: " + outcome.message()));
      }
      return new RunDecision(orderedNodes(), launches, jobsToDelete, events, outcome, progress(),
          outcome.finished() ? Optional.empty() : Optional.ofNullable(wakeUpAt));
    }

    private String firstFailureThatFailsTheRun() {
      for (NodeSpec node : run.spec().getNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if (status != null && status.getPhase() == NodePhase.Failed && !node.isAllowFailure()) {
          return node.getName();
        }
      }
      return null;
    }

    private void foldObservation(NodeSpec node, NodeStatus status, AttemptObservation seen) {
      AttemptState state = seen.state();
      if (state == AttemptState.SUCCEEDED) {
        OutputsResult outputs = OutputsParser.parse(seen.terminationMessage(), node.getOutputs());
        if (outputs.ok()) {
          succeed(status, outputs, seen.finishedAt());
        } else {
          attemptFailed(node, status, 0, outputs.failureReason(), outputs.failureMessage(), seen.finishedAt());
        }
      } else if (state == AttemptState.FAILED) {
        attemptFailed(node, status, seen.exitCode(), seen.reason(), describeFailure(seen), seen.finishedAt());
      } else if (state == AttemptState.MISSING) {
        attemptFailed(node, status, null, seen.reason(), "Job " + status.getJob() + " was deleted", now);
      } else if (seen.stuckSince() != null) {
        String message = "pod cannot start: " + seen.reason()
            + (isBlank(seen.message()) ? "" : ": " + seen.message());
        Instant giveUpAt = seen.stuckSince().plus(podStartGracePeriod);
        if (!now.isBefore(giveUpAt)) {
          jobsToDelete.add(status.getJob());
          attemptFailed(node, status, null, seen.reason(),
              message + " (gave up after " + GoDuration.format(podStartGracePeriod) + ")", now);
        } else {
          status.setReason(seen.reason());
          status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
          wakeAt(giveUpAt);
        }
      } else {
        // A running node carries reason/message only while its pod cannot start; it started now.
        status.setReason(null);
        status.setMessage(null);
      }
    }

    private void succeed(NodeStatus status, OutputsResult outputs, Instant finishedAt) {
      status.setPhase(NodePhase.Succeeded);
      status.setCompletionTime(Timestamps.format(finishedAt == null ? now : finishedAt));
      status.setExitCode(0);
      status.setReason(null);
      status.setMessage(null);
      status.setOutputs(new LinkedHashMap<>(outputs.outputs()));
      events.add(PlannedEvent.normal("NodeSucceeded",
          "node " + status.getName() + " succeeded (attempt " + status.getAttempt() + ")"));
    }

    private void attemptFailed(NodeSpec node, NodeStatus status, Integer exitCode, String reason, String message,
        Instant finishedAt) {
      status.setExitCode(exitCode);
      status.setReason(reason);
      status.setMessage(limit(message, NODE_MESSAGE_LIMIT));
      status.setCompletionTime(Timestamps.format(finishedAt == null ? now : finishedAt));
      int retries = RetryPolicy.retryLimit(EffectiveNodeSettings.retry(run.spec(), node));
      if (status.getAttempt() <= retries && failedNode == null) {
        status.setPhase(NodePhase.Waiting);
        Duration delay = RetryPolicy.delayBeforeRetry(EffectiveNodeSettings.retry(run.spec(), node),
            status.getAttempt());
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

    private boolean timedOut() {
      return run.timeout().compareTo(Duration.ZERO) > 0 && run.startTime() != null
          && !now.isBefore(run.startTime().plus(run.timeout()));
    }

    private void cancelActiveNodes(String why) {
      for (NodeStatus status : nodes.values()) {
        if (status.getPhase() == NodePhase.Running) {
          jobsToDelete.add(status.getJob());
          cancel(status, "cancelled: " + why);
        } else if (status.getPhase() == NodePhase.Waiting) {
          cancel(status, "cancelled: " + why);
        }
      }
    }

    private void cancelWaitingNodes(String message) {
      for (NodeStatus status : nodes.values()) {
        if (status.getPhase() == NodePhase.Waiting) {
          cancel(status, message);
        }
      }
    }

    private void cancel(NodeStatus status, String message) {
      status.setPhase(NodePhase.Cancelled);
      status.setMessage(message);
      status.setCompletionTime(Timestamps.format(now));
    }

    private void launchReadyNodes() {
      for (String name : run.dag().topologicalOrder()) {
        NodeStatus status = nodes.get(name);
        if (status == null) {
          if (dependenciesSatisfied(name)) {
            launch(name, 1);
          }
        } else if (status.getPhase() == NodePhase.Waiting) {
          NodeSpec node = run.node(name);
          Instant failedAt = Timestamps.parse(status.getCompletionTime());
          Duration delay = RetryPolicy.delayBeforeRetry(EffectiveNodeSettings.retry(run.spec(), node),
              status.getAttempt());
          Instant due = (failedAt == null ? now : failedAt).plus(delay);
          if (!now.isBefore(due)) {
            launch(name, status.getAttempt() + 1);
          } else {
            wakeAt(due);
          }
        }
      }
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
      NodeStatus status = nodes.computeIfAbsent(name, NodeStatus::new);
      String jobName = JobNames.jobName(run.runName(), name, attempt);
      status.setPhase(NodePhase.Running);
      status.setAttempt(attempt);
      status.setJob(jobName);
      if (status.getStartTime() == null) {
        status.setStartTime(Timestamps.format(now));
      }
      status.setCompletionTime(null);
      status.setExitCode(null);
      status.setReason(null);
      status.setMessage(null);
      status.getOutputs().clear();
      launches.add(new NodeLaunch(name, attempt, jobName));
      events.add(PlannedEvent.normal("NodeStarted",
          "node " + name + " attempt " + attempt + " started as Job " + jobName));
    }

    private RunOutcome outcome() {
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
      if (running == 0 && count(NodePhase.Waiting) == 0 && launches.isEmpty()) {
        // Defensive: only reachable with a status edited by hand; ending beats waiting forever.
        return new RunOutcome(RunPhase.Failed, "Failed", "no node can start");
      }
      return RunOutcome.running(null);
    }

    private long count(NodePhase phase) {
      return nodes.values().stream().filter(status -> status.getPhase() == phase).count();
    }

    private String progress() {
      long finished = nodes.values().stream().filter(status -> status.getPhase().isFinished()).count();
      return finished + "/" + run.nodeCount();
    }

    private List<NodeStatus> orderedNodes() {
      List<NodeStatus> ordered = new ArrayList<>(nodes.size());
      for (NodeSpec node : run.spec().getNodes()) {
        NodeStatus status = nodes.get(node.getName());
        if (status != null && !ordered.contains(status)) {
          ordered.add(status);
        }
      }
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
    copy.setAttempt(Math.max(1, source.getAttempt()));
    copy.setJob(source.getJob());
    copy.setStartTime(source.getStartTime());
    copy.setCompletionTime(source.getCompletionTime());
    copy.setExitCode(source.getExitCode());
    copy.setReason(source.getReason());
    copy.setMessage(source.getMessage());
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
