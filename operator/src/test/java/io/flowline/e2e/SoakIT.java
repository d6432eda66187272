package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.kube.FlowlineLabels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The soak: runs of mixed pipelines (a DAG passing outputs, retries, failures, allowFailure, node timeouts) while
 * the operator process is killed with SIGKILL at random moments and started again. Afterwards every run is in the
 * phase its pipeline dictates, every node has exactly one Job per attempt, nothing is orphaned or left running,
 * status agrees with the Jobs, and no Event says a node started twice.
 *
 * <p>Short by default (what {@code .ci/run} runs); the long mode is
 * {@code -Dflowline.soak.runs=200 -Dflowline.soak.kills=20}. {@code -Dflowline.soak.seed=N} replays a run order.
 */
class SoakIT {
  /** Node events on: each NodeStarted is the evidence that a node attempt was started once. */
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of("FLOWLINE_NODE_EVENTS", "true"));

  private static final int RUNS = Integer.getInteger("flowline.soak.runs", 30);
  private static final int KILLS = Integer.getInteger("flowline.soak.kills", 4);
  private static final long SEED = Long.getLong("flowline.soak.seed", System.nanoTime());
  /** A run needs a few pods on one small node: the deadline grows with the number of runs. */
  private static final Duration DEADLINE = Duration.ofSeconds(120 + 6L * RUNS);
  private static final Duration POLL = Duration.ofMillis(500);

  /** The pipelines of the mix and the phase each must end in, whatever happens to the operator. */
  private enum Kind {
    DAG("soak-dag", RunPhase.Succeeded, """
        - {name: extract, image: "busybox:1.36", command: [sh, -c, "echo rows=42 > /dev/termination-log"], outputs: [rows]}
        - {name: transform, dependsOn: [extract], image: "busybox:1.36", command: [sh, -c, "test $(nodes.extract.outputs.rows) = 42"]}
        - {name: audit, dependsOn: [extract], image: "busybox:1.36", command: [sh, -c, "sleep 2"]}
        - {name: load, dependsOn: [transform, audit], image: "busybox:1.36", command: [sh, -c, "true"]}"""),
    RETRY("soak-retry", RunPhase.Succeeded, """
        - name: flaky
          image: "busybox:1.36"
          command: [sh, -c, "test $(node.attempt) -ge 2"]
          retry: {limit: 2, delay: 1s}
        - {name: after, dependsOn: [flaky], image: "busybox:1.36", command: [sh, -c, "true"]}"""),
    FAIL("soak-fail", RunPhase.Failed, """
        - name: broken
          image: "busybox:1.36"
          command: [sh, -c, "exit 3"]
          retry: {limit: 1, delay: 1s}
        - {name: never, dependsOn: [broken], image: "busybox:1.36", command: [sh, -c, "true"]}"""),
    ALLOW("soak-allow", RunPhase.Succeeded, """
        - {name: optional, image: "busybox:1.36", command: [sh, -c, "exit 1"], allowFailure: true}
        - {name: after, dependsOn: [optional], image: "busybox:1.36", command: [sh, -c, "true"]}"""),
    TIMEOUT("soak-timeout", RunPhase.Failed, """
        - {name: slow, image: "busybox:1.36", command: [sh, -c, "sleep 60"], timeout: 3s}""");

    final String pipeline;
    final RunPhase expected;
    final String nodes;

    Kind(String pipeline, RunPhase expected, String nodes) {
      this.pipeline = pipeline;
      this.expected = expected;
      this.nodes = nodes;
    }

    String manifest() {
      return """
          apiVersion: flowline.io/v1alpha1
          kind: Pipeline
          metadata: {name: %s}
          spec:
            nodes:
          %s
          """.formatted(pipeline, nodes.indent(2).stripTrailing());
    }
  }

  private final Runs runs = new Runs(env);

  @Test
  void runsSurviveRepeatedOperatorCrashesWithNothingLostAndNothingStartedTwice() {
    Random random = new Random(SEED);
    System.out.printf("SoakIT: %d runs, %d kills, seed %d%n", RUNS, KILLS, SEED);
    for (Kind kind : Kind.values()) {
      env.client().resource(kind.manifest()).inNamespace(env.namespace()).create();
    }
    Map<String, Kind> expected = new TreeMap<>();
    for (int i = 0; i < RUNS; i++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      String name = "soak-" + i;
      expected.put(name, kind);
      runs.create("""
          apiVersion: flowline.io/v1alpha1
          kind: PipelineRun
          metadata: {name: %s}
          spec:
            pipelineRef: {name: %s}
          """.formatted(name, kind.pipeline));
    }

    crashWhileRunsProgress(random);
    Map<String, PipelineRun> finished = awaitAllFinished();

    List<Job> jobs = env.client().batch().v1().jobs().inNamespace(env.namespace())
        .withLabel(FlowlineLabels.RUN).list().getItems();
    Map<String, List<Job>> jobsByRun = jobs.stream()
        .collect(Collectors.groupingBy(job -> job.getMetadata().getLabels().get(FlowlineLabels.RUN)));
    for (Map.Entry<String, Kind> entry : expected.entrySet()) {
      PipelineRun run = finished.get(entry.getKey());
      assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(entry.getValue().expected);
      assertOneJobPerAttempt(run, jobsByRun.getOrDefault(entry.getKey(), List.of()));
    }
    assertNothingOrphanedOrStillRunning(finished, jobs);
    assertNoNodeStartedTwice();
  }

  /**
   * SIGKILL and restart at random points of the soak: each kill waits for a random share of the runs to finish, so
   * kills land while Jobs are being created, while status is written and while nothing happens.
   */
  private void crashWhileRunsProgress(Random random) {
    for (int kill = 1; kill <= KILLS; kill++) {
      int finishedBefore = (int) Math.round(RUNS * (kill - 1 + random.nextDouble()) / KILLS * 0.9);
      Awaitility.await(finishedBefore + " runs to finish before kill " + kill).atMost(DEADLINE).pollInterval(POLL)
          .ignoreExceptions()
          .until(() -> finishedRuns().size() >= finishedBefore);
      env.killOperator();
      env.startOperator();
    }
  }

  private Map<String, PipelineRun> awaitAllFinished() {
    return env.await("all " + RUNS + " runs to finish").atMost(DEADLINE).pollInterval(POLL)
        .until(this::finishedRuns, finished -> finished.size() == RUNS);
  }

  private Map<String, PipelineRun> finishedRuns() {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems().stream()
        .filter(run -> run.getStatus() != null && run.getStatus().getPhase() != null
            && run.getStatus().getPhase().isFinished())
        .collect(Collectors.toMap(run -> run.getMetadata().getName(), Function.identity()));
  }

  /** The Jobs of a node are exactly its attempts 1..n: none missing, none twice, none beyond what status says. */
  private void assertOneJobPerAttempt(PipelineRun run, List<Job> jobs) {
    Map<String, List<Integer>> attemptsByNode = new HashMap<>();
    for (Job job : jobs) {
      attemptsByNode.computeIfAbsent(job.getMetadata().getLabels().get(FlowlineLabels.NODE), node -> new ArrayList<>())
          .add(Integer.parseInt(job.getMetadata().getLabels().get(FlowlineLabels.ATTEMPT)));
    }
    String name = run.getMetadata().getName();
    Set<String> listed = run.getStatus().getNodes().stream().map(NodeStatus::getName).collect(Collectors.toSet());
    assertThat(attemptsByNode.keySet()).as("nodes with Jobs of " + name + " are the nodes in its status")
        .isSubsetOf(listed);
    for (NodeStatus node : run.getStatus().getNodes()) {
      List<Integer> attempts = attemptsByNode.getOrDefault(node.getName(), List.of());
      assertThat(attempts).as("Jobs of " + name + " node " + node.getName() + " (" + node.getPhase() + ")")
          .containsExactlyInAnyOrderElementsOf(range(node.getAttempt()));
    }
    long finishedNodes = run.getStatus().getNodes().stream().filter(node -> node.getPhase().isFinished()).count();
    assertThat(run.getStatus().getProgress()).as("progress of " + name)
        .startsWith(finishedNodes + "/");
  }

  private static List<Integer> range(int attempts) {
    List<Integer> range = new ArrayList<>();
    for (int attempt = 1; attempt <= attempts; attempt++) {
      range.add(attempt);
    }
    return range;
  }

  /** Every Job belongs to a run that exists (by UID), every pod to a Job that exists; nothing runs any more. */
  private void assertNothingOrphanedOrStillRunning(Map<String, PipelineRun> finished, List<Job> jobs) {
    Set<String> runUids = finished.values().stream().map(run -> run.getMetadata().getUid()).collect(Collectors.toSet());
    for (Job job : jobs) {
      assertThat(job.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
          .as("owner of Job " + job.getMetadata().getName()).singleElement().isIn(runUids);
      boolean active = job.getStatus() != null && job.getStatus().getActive() != null && job.getStatus().getActive() > 0;
      assertThat(active && job.getMetadata().getDeletionTimestamp() == null)
          .as("Job " + job.getMetadata().getName() + " still active after its run ended").isFalse();
    }
    Set<String> jobUids = jobs.stream().map(job -> job.getMetadata().getUid()).collect(Collectors.toSet());
    for (Pod pod : env.client().pods().inNamespace(env.namespace()).withLabel(FlowlineLabels.RUN).list().getItems()) {
      if (pod.getMetadata().getDeletionTimestamp() != null) {
        continue; // going away with its deleted Job (a timed-out or cancelled attempt)
      }
      assertThat(pod.getMetadata().getOwnerReferences()).extracting(OwnerReference::getUid)
          .as("owner of pod " + pod.getMetadata().getName()).anyMatch(jobUids::contains);
    }
  }

  /** NodeStarted says "node N attempt A started as Job J": one per attempt, whatever the crashes. */
  private void assertNoNodeStartedTwice() {
    List<Event> events = env.client().v1().events().inNamespace(env.namespace()).list().getItems();
    Map<String, Integer> starts = new HashMap<>();
    for (Event event : events) {
      if ("NodeStarted".equals(event.getReason())) {
        String key = event.getInvolvedObject().getName() + ": " + event.getMessage();
        int count = event.getCount() == null ? 1 : event.getCount();
        starts.merge(key, count, Integer::sum);
      }
    }
    assertThat(starts).as("NodeStarted events").isNotEmpty();
    assertThat(starts.entrySet()).filteredOn(start -> start.getValue() > 1).as("node attempts started twice")
        .isEmpty();
  }
}
