package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Drives {@link RunPlanner} through a whole run the way the reconciler does, against a simulated cluster: a random
 * DAG, random attempt ends, launch answers, spec.state and spec.skipNodes changes, timeouts and spec.retry resets.
 * Everything follows from one seed, so a failing seed repeats exactly.
 *
 * <p>The simulation has a chaotic part of {@code chaosSteps} steps, in which the environment may do anything
 * (leave attempts running, pause, defer launches), then settles: the run is resumed if paused, and every running
 * attempt ends in the next step. So every run must end within {@link #stepBound()} steps.
 *
 * <p>It records the first breach of each {@link Invariant} rather than stopping, so each property test can assert
 * its own.
 */
final class PlannerSimulation {
  enum Invariant {
    /** 1: a node starts only when each dependency is Succeeded, Skipped or Failed with allowFailure. */
    DEPENDENCIES_FIRST,
    /** 2: each Job name is created at most once; a node's attempts go up by exactly 1. */
    EACH_JOB_ONCE,
    /** 3: the run ends within the step bound. */
    TERMINATES,
    /** 4: no Job the planner started is left running without a node that tracks it or a delete. */
    NOTHING_LEFT_ACTIVE,
    /** 5: the run's end agrees with its nodes. */
    OUTCOME_MATCHES_NODES,
    /** 6: progress never goes down, except across a spec.retry reset. */
    PROGRESS_MONOTONIC
  }

  static final String RUN = "run";
  static final Duration POD_START_GRACE = Duration.ofSeconds(60);
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private static final int MAX_RETRIES = 3;
  private static final int TRACE_LINES = 30;

  /** One simulation: the seed, optionally cut down to its first {@code nodeCap} nodes and {@code chaosCap} steps. */
  record Scenario(long seed, int nodeCap, int chaosCap) {
    static Scenario of(long seed) {
      return new Scenario(seed, Integer.MAX_VALUE, Integer.MAX_VALUE);
    }

    @Override
    public String toString() {
      return "seed " + seed + (nodeCap == Integer.MAX_VALUE ? "" : ", first " + nodeCap + " nodes")
          + (chaosCap == Integer.MAX_VALUE ? "" : ", at most " + chaosCap + " chaotic steps");
    }
  }

  /** What one simulation did and which invariants it broke (first breach of each, with the trace up to it). */
  static final class Result {
    final Scenario scenario;
    final String pipeline;
    final Map<Invariant, String> violations = new EnumMap<>(Invariant.class);
    /** Counters of what happened, to check that the seeds reach every kind of step and end. */
    final Map<String, Integer> stats = new TreeMap<>();
    int steps;

    Result(Scenario scenario, String pipeline) {
      this.scenario = scenario;
      this.pipeline = pipeline;
    }

    void count(String what) {
      stats.merge(what, 1, Integer::sum);
    }
  }

  private final Scenario scenario;
  private final Random dagRandom;
  private final Random random;
  /** Two platform retries per node: enough for a node to use them up within a seed's attempts. */
  private final RunPlanner planner = new RunPlanner(POD_START_GRACE, 2);
  private final List<NodeSpec> nodes = new ArrayList<>();
  private final PipelineSpec spec = new PipelineSpec();
  private final Dag dag;
  private final Map<String, NodeSpec> byName = new HashMap<>();
  private final int maxRetryLimit;
  private final int chaosSteps;
  private final Result result;
  /**
   * Per seed, how often each kind of trouble happens (percent): some seeds are calm, some stormy, so rare
   * combinations (a rejected create on a node's last attempt, a stop taken back) come up within a few hundred seeds.
   */
  private final int rejectPercent;
  private final int deferPercent;
  private final int steerPercent;
  private final int keepRunningPercent;
  private final int failPercent;

  // The simulated cluster and the run's live spec
  private Instant now = T0;
  private Instant startTime = T0;
  private DesiredRunState desired = DesiredRunState.Running;
  private final Set<String> skipNodes = new LinkedHashSet<>();
  private RunOutcome stop;
  private int retries;
  private List<NodeStatus> table = new ArrayList<>();

  // What the simulation knows independently of the planner
  /** Jobs created and still there (not seen to end, not deleted), by name, with their node. */
  private final Map<String, String> activeJobs = new LinkedHashMap<>();
  private final Set<String> createdJobs = new HashSet<>();
  private final Set<String> succeededJobs = new HashSet<>();
  private final Map<String, Instant> stuckSince = new HashMap<>();
  /** Per node, the last attempt used (created, or rejected by the API server). */
  private final Map<String, Integer> lastAttempt = new HashMap<>();
  private int lastFinished;
  private final Deque<String> trace = new ArrayDeque<>();

  PlannerSimulation(Scenario scenario) {
    this.scenario = scenario;
    this.dagRandom = new Random(scenario.seed());
    this.random = new Random(scenario.seed() * 0x9E3779B97F4A7C15L + 1);
    int size = Math.min(scenario.nodeCap(), 1 + dagRandom.nextInt(40));
    int allowFailurePercent = pick(dagRandom, 0, 20, 50);
    int maxLimit = 0;
    for (int i = 0; i < size; i++) {
      NodeSpec node = new NodeSpec();
      node.setName("n" + i);
      node.setImage("busybox:1.36");
      List<String> dependsOn = new ArrayList<>();
      if (i > 0) {
        int edges = dagRandom.nextInt(4);
        for (int e = 0; e < edges; e++) {
          String dependency = "n" + dagRandom.nextInt(i);
          if (!dependsOn.contains(dependency)) {
            dependsOn.add(dependency);
          }
        }
      }
      node.setDependsOn(dependsOn);
      int limit = dagRandom.nextInt(3);
      if (limit > 0 || dagRandom.nextBoolean()) {
        node.setRetry(new RetrySpec(limit, "0s"));
      }
      maxLimit = Math.max(maxLimit, limit);
      node.setAllowFailure(dagRandom.nextInt(100) < allowFailurePercent ? Boolean.TRUE : null);
      nodes.add(node);
      byName.put(node.getName(), node);
    }
    this.maxRetryLimit = maxLimit;
    spec.setNodes(nodes);
    if (dagRandom.nextInt(4) == 0) {
      spec.setTimeout((60 + dagRandom.nextInt(840)) + "s");
    }
    this.dag = Dag.of(nodes);
    int chaos = dagRandom.nextInt(3 * size * (maxLimit + 1) + 6);
    this.chaosSteps = Math.min(scenario.chaosCap(), chaos);
    this.rejectPercent = pick(dagRandom, 0, 3, 20);
    this.deferPercent = pick(dagRandom, 0, 3, 15);
    this.steerPercent = pick(dagRandom, 0, 8, 25);
    this.keepRunningPercent = pick(dagRandom, 20, 45, 70);
    this.failPercent = pick(dagRandom, 5, 20, 50);
    this.result = new Result(scenario, describePipeline());
  }

  static Result run(Scenario scenario) {
    return new PlannerSimulation(scenario).run();
  }

  /** Steps within which the run must end: the chaotic ones, then one per attempt the last segment can make, + 2. */
  int stepBound() {
    return chaosSteps + nodes.size() * (maxRetryLimit + 1) + 2;
  }

  private Result run() {
    // a hard stop far past the bound, so a planner that never ends cannot hang the test
    int hardStop = 10 * stepBound() + 100;
    for (int step = 1; step <= hardStop; step++) {
      result.steps = step;
      boolean chaotic = step <= chaosSteps;
      RunDecision decision = step(step, chaotic);
      if (decision.outcome().finished()) {
        checkEnd(decision);
        if (step > stepBound()) {
          violate(Invariant.TERMINATES, "the run ended at step " + step + ", past the bound " + stepBound());
        }
        if (chaotic && retries < MAX_RETRIES && decision.outcome().phase() != RunPhase.Succeeded
            && random.nextBoolean()) {
          retry(decision);
          continue;
        }
        return result;
      }
    }
    violate(Invariant.TERMINATES, "the run has not ended after " + hardStop + " steps (bound " + stepBound() + ")");
    return result;
  }

  private RunDecision step(int step, boolean chaotic) {
    steer(chaotic);
    List<NodeStatus> input = table;
    Map<String, AttemptObservation> observations = new HashMap<>();
    List<String> ended = new ArrayList<>();
    StringBuilder seen = new StringBuilder();
    for (NodeStatus status : input) {
      if (status.getPhase() != NodePhase.Running) {
        continue;
      }
      String job = JobNames.jobOf(RUN, status);
      if (!activeJobs.containsKey(job)) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "node " + status.getName() + " is Running as Job " + job
            + ", which is not a Job of the run that is still there");
        continue;
      }
      AttemptObservation observation = observe(job, chaotic);
      if (observation.state() != AttemptObservation.AttemptState.RUNNING) {
        ended.add(job);
      }
      observations.put(status.getName(), observation);
      seen.append(' ').append(status.getName()).append('=').append(observation.state().name().charAt(0))
          .append(observation.stuckSince() == null ? "" : "(stuck)");
    }
    RunSnapshot snapshot = new RunSnapshot(RUN, spec, startTime, desired, stop, List.copyOf(skipNodes));
    RunPlanner.Planning planning = planner.begin(snapshot, copyOf(input), observations, now);
    Map<String, LaunchOutcome> answers = new HashMap<>();
    for (NodeLaunch launch : planning.launches()) {
      int answer = chaotic ? random.nextInt(100) : 99;
      if (answer < rejectPercent) {
        answers.put(launch.node(), LaunchOutcome.rejected("admission webhook denied the request"));
      } else if (answer < rejectPercent + deferPercent) {
        answers.put(launch.node(), LaunchOutcome.deferred("Job " + launch.jobName() + " is being deleted"));
      }
    }
    RunDecision decision = planning.finish(answers);
    ended.forEach(activeJobs::remove);

    record(step, seen, planning, answers, decision);
    checkLaunches(planning, answers, decision);
    checkDeletes(decision);
    checkTracking(decision);
    checkProgress(decision);
    table = new ArrayList<>(decision.nodes());
    return decision;
  }

  /** The user's side: spec.state, spec.skipNodes, a stop from outside, and the clock. */
  private void steer(boolean chaotic) {
    stop = null;
    if (!chaotic) {
      if (desired == DesiredRunState.Paused) {
        desired = DesiredRunState.Running;
      }
      now = now.plusSeconds(1);
      return;
    }
    int kind = random.nextInt(100);
    if (kind < steerPercent) {
      int state = random.nextInt(20);
      desired = state < 9 ? DesiredRunState.Running : state < 15 ? DesiredRunState.Paused
          : state < 19 ? DesiredRunState.Stopped : DesiredRunState.Cancelled;
      result.count("desired:" + desired);
    } else if (kind < steerPercent + steerPercent / 2) {
      String name = random.nextInt(10) == 0 ? "ghost" : "n" + random.nextInt(nodes.size());
      if (!skipNodes.remove(name)) {
        skipNodes.add(name);
        result.count("skipListed");
      }
    } else if (kind == 99 && steerPercent > 0) {
      stop = new RunOutcome(RunPhase.Cancelled, "ConcurrencyLimit", "replaced by newer run run-2");
      result.count("stopFromOutside");
    }
    now = now.plusSeconds(random.nextInt(31));
  }

  /** What the cluster shows of one running attempt. */
  private AttemptObservation observe(String job, boolean chaotic) {
    if (!chaotic) {
      return end(job, random.nextInt(100) >= failPercent);
    }
    if (stuckSince.containsKey(job) && random.nextInt(10) < 7) {
      return AttemptObservation.stuck("ErrImagePull", "pull failed", stuckSince.get(job));
    }
    int pick = random.nextInt(100);
    if (pick < keepRunningPercent) {
      return AttemptObservation.running();
    }
    if (pick < 90) {
      return end(job, random.nextInt(100) >= failPercent);
    }
    if (pick < 94) {
      result.count("jobMissing");
      return AttemptObservation.missing();
    }
    stuckSince.putIfAbsent(job, now);
    result.count("stuck");
    return AttemptObservation.stuck("ErrImagePull", "pull failed", stuckSince.get(job));
  }

  private AttemptObservation end(String job, boolean success) {
    if (success) {
      succeededJobs.add(job);
      return AttemptObservation.succeeded(now, null);
    }
    if (random.nextInt(4) == 0) {
      result.count("platformFailure");
      return AttemptObservation.failedByPlatform(128, "StartError", "failed to create containerd task", now);
    }
    return AttemptObservation.failed(1, "Error", "exit 1", now);
  }

  /** spec.retry on an ended run, as the reconciler applies it. */
  private void retry(RunDecision ended) {
    DesiredRunState wanted = random.nextInt(5) == 0 ? DesiredRunState.Paused : DesiredRunState.Running;
    RetryRequest.Verdict verdict = RetryRequest.decide(retries + 1, retries, ended.outcome().phase(),
        ended.outcome().reason(), true, wanted).orElseThrow();
    if (!verdict.apply()) {
      throw new IllegalStateException("the simulation asked for a retry that is not applied: " + verdict);
    }
    retries++;
    desired = wanted;
    table = new ArrayList<>(ended.nodes());
    List<String> reset = RetryReset.reset(table, retries);
    startTime = now;
    lastFinished = (int) table.stream().filter(status -> status.getPhase().isFinished()).count();
    result.count("retry");
    trace("retry " + retries + " (state " + wanted + "): reset " + reset);
  }

  // ---- invariants ----

  private void checkLaunches(RunPlanner.Planning planning, Map<String, LaunchOutcome> answers,
      RunDecision decision) {
    Map<String, NodeStatus> after = byName(decision.nodes());
    for (NodeLaunch launch : planning.launches()) {
      LaunchOutcome.Kind answer = answers.getOrDefault(launch.node(), LaunchOutcome.created()).kind();
      if (desired != DesiredRunState.Running || stop != null) {
        violate(Invariant.DEPENDENCIES_FIRST, "node " + launch.node() + " was started although spec.state is "
            + desired + (stop == null ? "" : " and the run is stopped from outside"));
      }
      for (String dependency : dag.dependencies(launch.node())) {
        NodeStatus status = after.get(dependency);
        if (status == null || !letsDependentsRun(status)) {
          violate(Invariant.DEPENDENCIES_FIRST, "node " + launch.node() + " attempt " + launch.attempt()
              + " started while its dependency " + dependency + " is "
              + (status == null ? "not started" : status.getPhase()));
        } else if (status.getPhase() == NodePhase.Succeeded
            && !succeededJobs.contains(JobNames.jobOf(RUN, status))) {
          violate(Invariant.DEPENDENCIES_FIRST, "node " + launch.node() + " started after " + dependency
              + " Succeeded, but its Job " + JobNames.jobOf(RUN, status) + " never succeeded");
        }
      }
      int expected = lastAttempt.getOrDefault(launch.node(), 0) + 1;
      if (launch.attempt() != expected) {
        violate(Invariant.EACH_JOB_ONCE, "node " + launch.node() + " started attempt " + launch.attempt()
            + " after attempt " + (expected - 1));
      }
      if (!launch.jobName().equals(JobNames.jobName(RUN, launch.node(), launch.attempt()))) {
        violate(Invariant.EACH_JOB_ONCE, "launch " + launch + " is not named after its node and attempt");
      }
      switch (answer) {
        case CREATED -> {
          result.count("created");
          if (!createdJobs.add(launch.jobName())) {
            violate(Invariant.EACH_JOB_ONCE, "Job " + launch.jobName() + " was created a second time");
          }
          activeJobs.put(launch.jobName(), launch.node());
          lastAttempt.put(launch.node(), launch.attempt());
        }
        case FAILED -> {
          result.count("launchRejected");
          lastAttempt.put(launch.node(), launch.attempt());
        }
        case DEFERRED -> result.count("launchDeferred");
        default -> throw new IllegalStateException();
      }
    }
    List<String> created = planning.launches().stream()
        .filter(launch -> answers.getOrDefault(launch.node(), LaunchOutcome.created()).kind()
            == LaunchOutcome.Kind.CREATED)
        .map(NodeLaunch::jobName).toList();
    if (!decision.launches().stream().map(NodeLaunch::jobName).toList().equals(created)) {
      violate(Invariant.EACH_JOB_ONCE, "the decision lists launches " + decision.launches()
          + " but the created ones are " + created);
    }
  }

  private void checkDeletes(RunDecision decision) {
    Map<String, NodeStatus> after = byName(decision.nodes());
    for (String job : decision.jobsToDelete()) {
      if (!createdJobs.contains(job)) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "the planner deletes Job " + job + ", which was never created");
      }
      String node = activeJobs.remove(job);
      result.count("jobDeleted");
      NodeStatus status = node == null ? null : after.get(node);
      if (status != null && status.getPhase() == NodePhase.Running && JobNames.jobOf(RUN, status).equals(job)) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "node " + node + " is still Running as Job " + job
            + ", which the same step deletes");
      }
    }
  }

  /** Every Job still there belongs to a node that is Running as that Job, and the other way round. */
  private void checkTracking(RunDecision decision) {
    Map<String, NodeStatus> after = byName(decision.nodes());
    activeJobs.forEach((job, node) -> {
      NodeStatus status = after.get(node);
      if (status == null || status.getPhase() != NodePhase.Running || !JobNames.jobOf(RUN, status).equals(job)) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "Job " + job + " still runs, but node " + node + " is "
            + (status == null ? "not in the table" : status.getPhase() + " (attempt " + status.getAttempt() + ")")
            + " and the Job was never deleted");
      }
    });
    for (NodeStatus status : decision.nodes()) {
      if (status.getPhase() == NodePhase.Running && !activeJobs.containsKey(JobNames.jobOf(RUN, status))) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "node " + status.getName() + " is Running as Job "
            + JobNames.jobOf(RUN, status) + ", which does not exist");
      }
    }
  }

  private void checkProgress(RunDecision decision) {
    String[] parts = decision.progress().split("/");
    int finished = Integer.parseInt(parts[0]);
    long counted = decision.nodes().stream().filter(status -> status.getPhase().isFinished()).count();
    if (Integer.parseInt(parts[1]) != nodes.size() || finished != counted) {
      violate(Invariant.PROGRESS_MONOTONIC, "progress " + decision.progress() + " but " + counted + " of "
          + nodes.size() + " nodes are finished");
    }
    if (finished < lastFinished) {
      violate(Invariant.PROGRESS_MONOTONIC, "progress went down from " + lastFinished + " to "
          + decision.progress());
    }
    lastFinished = finished;
  }

  private void checkEnd(RunDecision decision) {
    RunOutcome outcome = decision.outcome();
    result.count("end:" + outcome.phase() + ":" + outcome.reason());
    for (NodeStatus status : decision.nodes()) {
      if (status.getPhase() == NodePhase.Running || status.getPhase() == NodePhase.Waiting) {
        violate(Invariant.NOTHING_LEFT_ACTIVE, "the run ended " + outcome.phase() + " with node "
            + status.getName() + " " + status.getPhase());
      }
    }
    if (!activeJobs.isEmpty()) {
      violate(Invariant.NOTHING_LEFT_ACTIVE, "the run ended " + outcome.phase() + " with Jobs still running: "
          + activeJobs.keySet());
    }
    Map<String, NodeStatus> after = byName(decision.nodes());
    switch (outcome.phase()) {
      case Succeeded -> {
        for (NodeSpec node : nodes) {
          NodeStatus status = after.get(node.getName());
          if (status == null || !letsDependentsRun(status)) {
            violate(Invariant.OUTCOME_MATCHES_NODES, "the run Succeeded with node " + node.getName() + " "
                + (status == null ? "never started" : status.getPhase()));
          }
        }
      }
      case Failed -> {
        if ("Timeout".equals(outcome.reason())) {
          if (spec.getTimeout() == null || now.isBefore(startTime.plus(GoDuration.parse(spec.getTimeout())))) {
            violate(Invariant.OUTCOME_MATCHES_NODES, "the run failed with reason Timeout at " + now
                + " although its timeout " + spec.getTimeout() + " from " + startTime + " has not passed");
          }
        } else {
          boolean named = decision.nodes().stream()
              .filter(status -> status.getPhase() == NodePhase.Failed && !byName.get(status.getName())
                  .isAllowFailure())
              .anyMatch(status -> outcome.message() != null
                  && outcome.message().startsWith("node " + status.getName() + " failed"));
          if (!named) {
            violate(Invariant.OUTCOME_MATCHES_NODES, "the run failed (" + outcome.reason() + ": "
                + outcome.message() + ") without naming a node that failed");
          }
        }
      }
      case Cancelled -> {
        boolean explained = switch (outcome.reason()) {
          case "Stopped" -> desired == DesiredRunState.Stopped;
          case "Cancelled" -> desired == DesiredRunState.Cancelled;
          case "ConcurrencyLimit" -> stop != null;
          default -> false;
        };
        if (!explained) {
          violate(Invariant.OUTCOME_MATCHES_NODES, "the run was cancelled with reason " + outcome.reason()
              + " while spec.state is " + desired);
        }
      }
      default -> violate(Invariant.OUTCOME_MATCHES_NODES, "unexpected end " + outcome);
    }
  }

  private boolean letsDependentsRun(NodeStatus status) {
    return switch (status.getPhase()) {
      case Succeeded, Skipped -> true;
      case Failed -> byName.get(status.getName()).isAllowFailure();
      default -> false;
    };
  }

  // ---- bookkeeping ----

  private void violate(Invariant invariant, String message) {
    if (!result.violations.containsKey(invariant)) {
      result.violations.put(invariant, message + "\n  " + scenario + " (" + result.pipeline + ")\n  last steps:\n    "
          + String.join("\n    ", trace));
    }
  }

  private void record(int step, StringBuilder seen, RunPlanner.Planning planning, Map<String, LaunchOutcome> answers,
      RunDecision decision) {
    String launches = planning.launches().stream()
        .map(launch -> launch.node() + "#" + launch.attempt()
            + (answers.containsKey(launch.node()) ? "(" + answers.get(launch.node()).kind() + ")" : ""))
        .collect(Collectors.joining(" "));
    String phases = decision.nodes().stream()
        .map(status -> status.getName() + ":" + status.getPhase().name().substring(0, 2) + status.getAttempt())
        .collect(Collectors.joining(" "));
    trace("step " + step + " t+" + Duration.between(T0, now).toSeconds() + "s state " + desired
        + (skipNodes.isEmpty() ? "" : " skip " + skipNodes) + (stop == null ? "" : " STOP")
        + " | seen" + seen + " | start " + launches + " | delete " + decision.jobsToDelete()
        + " | " + decision.outcome().phase() + " (" + decision.outcome().message() + ") " + decision.progress()
        + " | " + phases);
  }

  private void trace(String line) {
    trace.addLast(line);
    if (trace.size() > TRACE_LINES) {
      trace.removeFirst();
    }
  }

  private String describePipeline() {
    return nodes.stream().map(node -> node.getName()
            + (node.getDependsOn().isEmpty() ? "" : "<" + String.join(",", node.getDependsOn()))
            + (node.getRetry() == null ? "" : " r" + node.getRetry().getLimit())
            + (node.isAllowFailure() ? " af" : ""))
        .collect(Collectors.joining("; ")) + (spec.getTimeout() == null ? "" : "; timeout " + spec.getTimeout())
        + "; " + chaosSteps + " chaotic steps, rejects " + rejectPercent + "%, defers " + deferPercent
        + "%, steers " + steerPercent + "%, attempts go on " + keepRunningPercent + "%, fail " + failPercent + "%";
  }

  private static int pick(Random random, int... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private static Map<String, NodeStatus> byName(List<NodeStatus> statuses) {
    Map<String, NodeStatus> map = new HashMap<>();
    statuses.forEach(status -> map.put(status.getName(), status));
    return map;
  }

  /** The table as the reconciler would read it back from status: the planner's objects are not shared. */
  private static List<NodeStatus> copyOf(List<NodeStatus> statuses) {
    List<NodeStatus> copies = new ArrayList<>();
    for (NodeStatus source : statuses) {
      NodeStatus copy = new NodeStatus(source.getName());
      copy.setPhase(source.getPhase());
      copy.setAttempt(source.getAttempt());
      copy.setJob(source.getJob());
      copy.setStartTime(source.getStartTime());
      copy.setCompletionTime(source.getCompletionTime());
      copy.setExitCode(source.getExitCode());
      copy.setReason(source.getReason());
      copy.setMessage(source.getMessage());
      copy.setOutputs(new LinkedHashMap<>(source.getOutputs()));
      copies.add(copy);
    }
    return copies;
  }
}
