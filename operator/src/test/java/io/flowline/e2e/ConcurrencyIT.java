package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A Pipeline's {@code concurrency} and {@code history} on real pods: Queue runs one at a time in priority order,
 * Forbid refuses without a Job, Replace cancels the older run and deletes its running Job, and history deletes the
 * finished runs beyond its limits with their Jobs. Each test has its own pipeline, so they cannot disturb each other.
 */
class ConcurrencyIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Duration SHORT = Duration.ofSeconds(60);
  /**
   * Busybox sh as a container's PID 1 ignores SIGTERM, so a plain sleep outlives the deletion of its Job by the
   * whole 30 s grace period, holding the node and the namespace's deletion; the trap ends it at once.
   */
  private static final String SLEEP_30_S = "trap 'exit 143' TERM; sleep 30 & wait";

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  @Test
  void underQueueOneRunExecutesAtATimeAndTheWaitingOnesStartHighestPriorityFirst() {
    // The runs exist before their Pipeline, so all three wait together when it appears: created after it, the
    // first one could start alone before the others exist, and priority would rightly not apply to it.
    List<String> byCreation = List.of("queued-low", "queued-high", "queued-mid");
    createRun("queued-low", "one-at-a-time", 0);
    createRun("queued-high", "one-at-a-time", 5);
    createRun("queued-mid", "one-at-a-time", 1);
    env.await("every run to wait for the missing pipeline").atMost(SHORT).until(() -> byCreation.stream()
        .map(runs::get).allMatch(run -> phaseOf(run) == RunPhase.Pending));
    createPipeline("one-at-a-time", "limit: 1, policy: Queue", null, "sleep 3");

    Map<String, Set<Integer>> queuePositionsSeen = new HashMap<>();
    List<String> overlaps = new ArrayList<>();
    env.await("the queued runs to finish one by one").atMost(E2eEnvironment.RUN_DEADLINE)
        .pollInterval(Duration.ofMillis(250)).until(() -> {
          List<PipelineRun> sample = runsOf("one-at-a-time");
          List<String> running = sample.stream().filter(run -> phaseOf(run) == RunPhase.Running)
              .map(run -> run.getMetadata().getName()).toList();
          if (running.size() > 1) {
            overlaps.add(String.join(", ", running));
          }
          sample.stream().filter(run -> phaseOf(run) == RunPhase.Queued).forEach(run -> queuePositionsSeen
              .computeIfAbsent(run.getMetadata().getName(), name -> new TreeSet<>())
              .add(run.getStatus().getQueuePosition()));
          return sample.size() == 3 && sample.stream().allMatch(ConcurrencyIT::finished);
        });

    assertThat(overlaps).as("samples with more than one run Running").isEmpty();
    assertThat(queuePositionsSeen).as("queue positions seen while Queued")
        .containsEntry("queued-mid", Set.of(1))
        .containsEntry("queued-low", Set.of(1, 2))
        .doesNotContainKey("queued-high");
    List<PipelineRun> byStart = byCreation.stream().map(runs::get)
        .sorted(Comparator.comparing(run -> Instant.parse(runs.node(run, "work").getStartTime()))).toList();
    assertThat(byStart).extracting(run -> run.getMetadata().getName()).as("runs in the order their node started")
        .containsExactly("queued-high", "queued-mid", "queued-low");
    for (int i = 0; i < byStart.size(); i++) {
      PipelineRun run = byStart.get(i);
      assertThat(phaseOf(run)).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
      assertThat(run.getStatus().getQueuePosition()).as("queuePosition of the finished %s",
          run.getMetadata().getName()).isNull();
      if (i > 0) {
        PipelineRun previous = byStart.get(i - 1);
        // Node times, not samples: the kubelet's completion of one against the Job creation of the next.
        assertThat(Instant.parse(runs.node(run, "work").getStartTime()))
            .as("node of %s started after the node of %s completed", run.getMetadata().getName(),
                previous.getMetadata().getName())
            .isAfterOrEqualTo(Instant.parse(runs.node(previous, "work").getCompletionTime()));
        assertThat(Instant.parse(run.getStatus().getStartTime())).as("startTime of %s", run.getMetadata().getName())
            .isAfterOrEqualTo(Instant.parse(previous.getStatus().getCompletionTime()));
      }
    }
  }

  @Test
  void underForbidARunOverTheLimitEndsCancelledAndNeverGetsAJob() {
    createPipeline("forbidding", "limit: 1, policy: Forbid", null, SLEEP_30_S);
    createRun("forbid-active", "forbidding", 0);
    env.await("forbid-active to run").atMost(SHORT).until(() -> phaseOf(runs.get("forbid-active")) == RunPhase.Running);

    createRun("forbid-refused", "forbidding", 9);
    PipelineRun refused = runs.awaitFinished("forbid-refused", SHORT);

    assertThat(phaseOf(refused)).as(runs.describe(refused)).isEqualTo(RunPhase.Cancelled);
    Condition succeeded = Conditions.require(refused.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo("ConcurrencyLimit");
    assertThat(succeeded.getMessage()).contains("concurrency limit 1").contains("forbid-active");
    assertThat(refused.getStatus().getStartTime()).as("a refused run never started").isNull();
    assertThat(refused.getStatus().getNodes()).isEmpty();
    runs.assertSettled("forbid-refused");
    assertThat(runs.jobs("forbid-refused")).as("Jobs of the refused run").isEmpty();
    assertThat(phaseOf(runs.get("forbid-active"))).isEqualTo(RunPhase.Running);

    deleteRun("forbid-active");
  }

  @Test
  void underReplaceANewerRunStartsAndTheOlderIsCancelledWithItsRunningJobDeleted() {
    createPipeline("replacing", "limit: 1, policy: Replace", null, SLEEP_30_S);
    // Names in creation order: within one second of creationTimestamp the name decides which run is newer.
    createRun("replace-1-older", "replacing", 0);
    String olderJob = "replace-1-older-work-1";
    env.await("the older run's pod to run").atMost(SHORT).until(() -> runs.pods("replace-1-older").stream()
        .anyMatch(pod -> "Running".equals(pod.getStatus().getPhase())));

    createRun("replace-2-newer", "replacing", 0);
    PipelineRun older = runs.awaitFinished("replace-1-older", SHORT);

    assertThat(phaseOf(older)).as(runs.describe(older)).isEqualTo(RunPhase.Cancelled);
    Condition succeeded = Conditions.require(older.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getStatus()).isEqualTo("False");
    assertThat(succeeded.getReason()).isEqualTo("ConcurrencyLimit");
    assertThat(older.getStatus().getMessage()).contains("replaced by newer run replace-2-newer");
    assertThat(runs.node(older, "work").getPhase()).isEqualTo(NodePhase.Cancelled);
    env.await("the older run's Job to be deleted").atMost(SHORT).until(() -> {
      Job job = env.client().batch().v1().jobs().inNamespace(env.namespace()).withName(olderJob).get();
      return job == null || job.getMetadata().getDeletionTimestamp() != null;
    });
    PipelineRun newer = env.await("the newer run to execute its node").atMost(SHORT)
        .until(() -> runs.get("replace-2-newer"), run -> phaseOf(run) == RunPhase.Running
            && Runs.findNode(run, "work").map(node -> node.getPhase() == NodePhase.Running).orElse(false));
    assertThat(runs.jobNames("replace-2-newer")).as(runs.describe(newer)).containsExactly("replace-2-newer-work-1");

    deleteRun("replace-2-newer");
  }

  @Test
  void historyKeepsTheNewestFinishedRunsOfEachKindAndDeletesTheOthersWithTheirJobs() {
    createPipeline("pruned", null, "succeeded: 2, failed: 1", "exit $(params.code)");
    List<String> succeeding = List.of("pruned-ok-1", "pruned-ok-2", "pruned-ok-3", "pruned-ok-4", "pruned-ok-5");
    List<String> failing = List.of("pruned-fail-1", "pruned-fail-2");
    succeeding.forEach(name -> createRun(name, "pruned", 0));
    failing.forEach(name -> runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: pruned}
          params: [{name: code, value: "1"}]
        """.formatted(name)));
    // Every run has had a Job, so the Jobs of the deleted ones must be garbage-collected afterwards.
    Set<String> hadJobs = new HashSet<>();
    List<PipelineRun> kept = env.await("history to keep 2 succeeded and 1 failed run")
        .atMost(E2eEnvironment.RUN_DEADLINE).until(() -> {
          env.client().batch().v1().jobs().inNamespace(env.namespace()).withLabel(Runs.RUN_LABEL).list().getItems()
              .forEach(job -> hadJobs.add(job.getMetadata().getLabels().get(Runs.RUN_LABEL)));
          return runsOf("pruned");
        }, left -> left.size() == 3 && left.stream().filter(run -> phaseOf(run) == RunPhase.Succeeded).count() == 2
            && left.stream().filter(run -> phaseOf(run) == RunPhase.Failed).count() == 1);

    Set<String> keptNames = kept.stream().map(run -> run.getMetadata().getName()).collect(Collectors.toSet());
    List<String> deleted = Stream.concat(succeeding.stream(), failing.stream())
        .filter(name -> !keptNames.contains(name)).toList();
    assertThat(deleted).hasSize(4);
    assertThat(deleted).filteredOn(failing::contains).hasSize(1);
    assertThat(hadJobs).as("runs seen with a Job, so their garbage collection below is no empty check")
        .containsAll(deleted);
    env.await("the deleted runs' Jobs and pods to be garbage-collected").atMost(SHORT).untilAsserted(() -> {
      for (String run : deleted) {
        assertThat(runs.jobs(run)).as("Jobs of the deleted run %s", run)
            .allMatch(job -> job.getMetadata().getDeletionTimestamp() != null);
        assertThat(runs.pods(run)).as("pods of the deleted run %s", run)
            .allMatch(pod -> pod.getMetadata().getDeletionTimestamp() != null);
      }
    });
    for (String run : keptNames) {
      assertThat(runs.jobs(run)).as("Jobs of the kept run %s", run).hasSize(1)
          .allMatch(job -> job.getMetadata().getDeletionTimestamp() == null);
    }
    List<Event> deletions = env.await("a RunDeleted Event for each deleted run").atMost(SHORT)
        .until(() -> events.on("Pipeline", "pruned").stream()
            .filter(event -> "RunDeleted".equals(event.getReason())).toList(), found -> found.size() >= deleted.size());
    assertThat(deletions).extracting(Event::getMessage).as("RunDeleted messages")
        .allSatisfy(message -> assertThat(message).matches("deleted run \\S+: .*succeeded 2, failed 1.*"))
        .extracting(message -> message.substring("deleted run ".length(), message.indexOf(':')))
        .as("runs named by RunDeleted Events, one Event each").containsExactlyInAnyOrderElementsOf(deleted);
  }

  private void createPipeline(String name, String concurrency, String history, String script) {
    String yaml = """
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: %s}
        spec:
          params: [{name: code, type: integer, default: "0"}]
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "%s"]}
        """.formatted(name, script)
        + (concurrency == null ? "" : "  concurrency: {" + concurrency + "}\n")
        + (history == null ? "" : "  history: {" + history + "}\n");
    env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
        .inNamespace(env.namespace()).create();
  }

  private void createRun(String name, String pipeline, int priority) {
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
          priority: %d
        """.formatted(name, pipeline, priority));
  }

  private List<PipelineRun> runsOf(String pipeline) {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems().stream()
        .filter(run -> run.getSpec().getPipelineRef() != null
            && pipeline.equals(run.getSpec().getPipelineRef().getName()))
        .toList();
  }

  /** Frees the node for the next test: a run that would sleep on is of no further use. */
  private void deleteRun(String name) {
    env.client().resources(PipelineRun.class).inNamespace(env.namespace()).withName(name).delete();
  }

  private static boolean finished(PipelineRun run) {
    return phaseOf(run) != null && phaseOf(run).isFinished();
  }

  private static RunPhase phaseOf(PipelineRun run) {
    return run == null || run.getStatus() == null ? null : run.getStatus().getPhase();
  }
}
