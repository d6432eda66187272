package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import io.flowline.cli.MockCluster.Result;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each verb against the fabric8 mock API server: the objects it creates or patches, its output and exit code. */
class VerbsTest {
  @RegisterExtension
  final MockCluster cluster = new MockCluster();

  @BeforeEach
  void diamond() {
    cluster.createPipeline(Fixtures.DIAMOND);
  }

  private static String run(String name, String phase, String created, String extra) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s, creationTimestamp: "%s"}
        spec:
          pipelineRef: {name: diamond}
          params: [{name: date, value: "2025-08-22"}]
          %s
        status: {phase: %s}
        """.formatted(name, created, extra, phase);
  }

  @Test
  void startCreatesALabelledRunWithTheParamsAndPrintsItsName() {
    Result result = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "-p", "mode=delta",
        "--node-param", "c.batch=9", "--correlation-id", "order-4711", "--priority", "3");

    assertThat(result.exitCode()).as(result.err()).isZero();
    PipelineRun created = cluster.runs().get(0);
    assertThat(result.out()).isEqualTo("pipelinerun/" + created.getMetadata().getName() + " created\n");
    assertThat(created.getMetadata().getName()).startsWith("diamond-");
    assertThat(created.getMetadata().getLabels()).containsEntry("flowline.io/correlation-id", "order-4711");
    assertThat(created.getSpec().getPipelineRef().getName()).isEqualTo("diamond");
    assertThat(created.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("date=2025-08-22", "mode=delta");
    assertThat(created.getSpec().getNodeParams().get(0).getNode()).isEqualTo("c");
    assertThat(created.getSpec().getCorrelationId()).isEqualTo("order-4711");
    assertThat(created.getSpec().getPriority()).isEqualTo(3);
  }

  @Test
  void aCorrelationIdThatIsNoLabelValueIsKeptInSpecOnly() {
    Result result = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "--correlation-id", "order #1/2");
    assertThat(result.exitCode()).as(result.err()).isZero();
    PipelineRun created = cluster.runs().get(0);
    assertThat(created.getMetadata().getLabels()).doesNotContainKey("flowline.io/correlation-id");
    assertThat(created.getSpec().getCorrelationId()).isEqualTo("order #1/2");
  }

  @Test
  void startWithBadParamsCreatesNothingAndShowsTheAllowedValues() {
    Result result = cluster.cli("start", "diamond", "-p", "date=2025-02-30", "-p", "mode=fast");

    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("spec.params.date: \"2025-02-30\" is not a date")
        .contains("spec.params.mode: \"fast\" is not one of [full, delta]")
        .contains("-p mode").contains("full | delta");
    assertThat(cluster.runs()).isEmpty();
  }

  @Test
  void anUnknownPipelineIsNotFoundAndTheExistingOnesAreNamed() {
    Result result = cluster.cli("start", "diamnod");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(result.err()).isEqualTo(
        "error: pipeline diamnod not found in namespace test; pipelines there: diamond\n");
  }

  @Test
  void startPrintsTheCreatedObjectAsJsonOrYaml() {
    Result json = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "-o", "json");
    assertThat(json.exitCode()).isZero();
    PipelineRun parsed = cluster.client().getKubernetesSerialization().unmarshal(json.out(), PipelineRun.class);
    assertThat(parsed.getSpec().getPipelineRef().getName()).isEqualTo("diamond");
    Result yaml = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "-o", "yaml");
    assertThat(yaml.out()).startsWith("apiVersion: \"flowline.io/v1alpha1\"\nkind: \"PipelineRun\"");
  }

  @Test
  void waitExitsWithTheRunsOutcome() {
    for (RunPhase phase : List.of(RunPhase.Succeeded, RunPhase.Failed, RunPhase.Cancelled)) {
      Thread finisher = finishNextRun(phase);
      Result result = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "--wait", "--timeout", "30s");
      finisher.interrupt();
      int expected = switch (phase) {
        case Succeeded -> ExitCodes.OK;
        case Failed -> ExitCodes.RUN_FAILED;
        default -> ExitCodes.RUN_CANCELLED;
      };
      assertThat(result.exitCode()).as(phase + ": " + result.err()).isEqualTo(expected);
      assertThat(result.out()).contains(" " + phase);
      cluster.runs().forEach(r -> cluster.client().resource(r).delete());
    }
  }

  @Test
  void waitGivesUpAfterTheTimeoutWithItsOwnExitCode() {
    Result result = cluster.cli("start", "diamond", "-p", "date=2025-08-22", "--wait", "--timeout", "1s");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.TIMEOUT);
    assertThat(result.err()).contains("is still Pending after 1s; it goes on");
  }

  /** Plays the operator: ends the first run that appears with the given phase. */
  private Thread finishNextRun(RunPhase phase) {
    Thread thread = new Thread(() -> {
      while (!Thread.currentThread().isInterrupted()) {
        List<PipelineRun> runs = cluster.runs();
        if (!runs.isEmpty()) {
          PipelineRun run = runs.get(0);
          PipelineRunStatus status = new PipelineRunStatus();
          status.setPhase(phase);
          status.setMessage(phase == RunPhase.Failed ? "node c failed: exit code 3" : null);
          run.setStatus(status);
          cluster.client().resource(run).updateStatus();
          return;
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    });
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Test
  void listShowsNewestFirstFilteredAndLimited() {
    cluster.createRun(run("old", "Succeeded", "2025-08-20T00:00:00Z", "correlationId: a"));
    cluster.createRun(run("mid", "Failed", "2025-08-21T00:00:00Z", "correlationId: b"));
    cluster.createRun(run("new", "Succeeded", "2025-08-22T00:00:00Z", "correlationId: a"));
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: other, creationTimestamp: "2025-08-22T01:00:00Z"}
        spec: {pipelineSpec: {nodes: [{name: x, image: busybox}]}}
        """);

    // The mock server stamps creationTimestamp itself (all in one second): the order is ListCommandTest's.
    assertThat(names(cluster.cli("list"))).containsExactlyInAnyOrder("other", "new", "mid", "old");
    assertThat(names(cluster.cli("list", "diamond"))).containsExactlyInAnyOrder("new", "mid", "old");
    assertThat(names(cluster.cli("list", "--phase", "Succeeded"))).containsExactlyInAnyOrder("new", "old");
    assertThat(names(cluster.cli("list", "--correlation-id", "a"))).containsExactlyInAnyOrder("new", "old");
    Result limited = cluster.cli("list", "diamond", "--limit", "2");
    assertThat(names(limited)).hasSize(2);
    assertThat(limited.err()).contains("2 of 3 runs");
    Result none = cluster.cli("list", "nothing");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).isEmpty();
    assertThat(none.err()).contains("No runs found in namespace test for pipeline nothing.");

    Result json = cluster.cli("list", "diamond", "--phase", "Failed", "-o", "json");
    KubernetesList list = cluster.client().getKubernetesSerialization().unmarshal(json.out(), KubernetesList.class);
    assertThat(list.getItems()).extracting(i -> i.getMetadata().getName()).containsExactly("mid");
  }

  /** The NAME column of a table. */
  private static List<String> names(Result result) {
    assertThat(result.exitCode()).as(result.err()).isZero();
    return result.out().lines().skip(1).map(line -> line.split("\\s+")[0]).toList();
  }

  @Test
  void getShowsTheRunAndItsTreeAndNotFoundHasItsExitCode() {
    PipelineRun created = cluster.createRun(Fixtures.DIAMOND_RUN);
    // Not started by an operator here: the DAG comes from the Pipeline.
    Result result = cluster.cli("get", "diamond-abcde");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).contains("Phase:       Failed\n").contains("Correlation: order-4711\n")
        .contains("Message:     node c failed: exit code 3\n")
        .contains("a           Succeeded   1         3s         rows=7\n")
        .contains("│   └── d   Pending\n")
        .contains("└── c       Failed      3         1m25s      exit code 3: boom\n");
    assertThat(created).isNotNull();

    Result yaml = cluster.cli("get", "diamond-abcde", "-o", "yaml");
    assertThat(yaml.out()).contains("name: \"diamond-abcde\"").contains("phase: \"Failed\"");

    Result missing = cluster.cli("get", "nope");
    assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(missing.err()).isEqualTo("error: pipelinerun nope not found in namespace test "
        + "(kubectl flowline list shows the runs)\n");
  }

  @Test
  void theStateVerbsPatchSpecState() {
    cluster.createRun(run("r1", "Running", "2025-08-22T00:00:00Z", ""));
    Map<String, DesiredRunState> verbs = Map.of("pause", DesiredRunState.Paused, "resume", DesiredRunState.Running,
        "stop", DesiredRunState.Stopped, "cancel", DesiredRunState.Cancelled);
    for (String verb : List.of("pause", "resume", "stop", "cancel")) {
      Result result = cluster.cli(verb, "r1");
      assertThat(result.exitCode()).as(verb + ": " + result.err()).isZero();
      assertThat(cluster.run("r1").getSpec().getState()).as(verb).isEqualTo(verbs.get(verb));
      assertThat(result.out()).startsWith("pipelinerun/r1 ");
    }
  }

  @Test
  void aFinishedRunIsLeftAloneByTheStateVerbs() {
    cluster.createRun(run("done", "Succeeded", "2025-08-22T00:00:00Z", ""));
    Result result = cluster.cli("cancel", "done");
    assertThat(result.exitCode()).isZero();
    assertThat(result.err()).contains("has already ended (Succeeded)");
    assertThat(cluster.run("done").getSpec().getState()).isNull();
  }

  @Test
  void retryIncrementsSpecRetryAndSetsRunningWhenStoppedOrCancelled() {
    cluster.createRun(run("failed", "Failed", "2025-08-22T00:00:00Z", "retry: 2"));
    cluster.createRun(run("cancelled", "Cancelled", "2025-08-22T00:00:00Z", "state: Cancelled"));

    assertThat(cluster.cli("retry", "failed").out()).isEqualTo("pipelinerun/failed retried (spec.retry: 3)\n");
    assertThat(cluster.run("failed").getSpec().getRetry()).isEqualTo(3);
    assertThat(cluster.run("failed").getSpec().getState()).isNull();

    assertThat(cluster.cli("retry", "cancelled").exitCode()).isZero();
    assertThat(cluster.run("cancelled").getSpec().getRetry()).isEqualTo(1);
    assertThat(cluster.run("cancelled").getSpec().getState()).isEqualTo(DesiredRunState.Running);
  }

  @Test
  void retryRefusesARunThatIsNotFailedOrCancelled() {
    cluster.createRun(run("ok", "Succeeded", "2025-08-22T00:00:00Z", ""));
    Result result = cluster.cli("retry", "ok");
    assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.err()).contains("only a Failed or Cancelled run can be retried").contains("rerun");
    assertThat(cluster.run("ok").getSpec().getRetry()).isNull();
  }

  @Test
  void skipAddsTheNodeOnceAndRefusesUnknownOrStartedNodes() {
    cluster.createRun(run("r1", "Running", "2025-08-22T00:00:00Z", ""));

    Result result = cluster.cli("skip", "r1", "d");
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("pipelinerun/r1 skips node d (spec.skipNodes: d)\n");
    assertThat(cluster.run("r1").getSpec().getSkipNodes()).containsExactly("d");
    assertThat(cluster.cli("skip", "r1", "d").out()).isEqualTo("pipelinerun/r1 already skips node d\n");
    assertThat(cluster.run("r1").getSpec().getSkipNodes()).containsExactly("d");

    Result unknown = cluster.cli("skip", "r1", "zz");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("has no node zz; its nodes: a, b, c, d");

    cluster.createRun(Fixtures.DIAMOND_RUN.replace("phase: Failed\n", "phase: Running\n"));
    Result started = cluster.cli("skip", "diamond-abcde", "a");
    assertThat(started.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(started.err()).contains("node a of pipelinerun diamond-abcde is Succeeded");
  }

  @Test
  void skipTakesAChildOfAForEachNodeButNoIndexOfAPlainNode() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: fan}
        spec:
          pipelineSpec:
            nodes:
            - {name: each, forEach: {items: [x, y]}, image: busybox}
            - {name: plain, image: busybox}
        status: {phase: Running}
        """);

    Result child = cluster.cli("skip", "fan", "each-1");
    assertThat(child.exitCode()).as(child.err()).isZero();
    assertThat(cluster.run("fan").getSpec().getSkipNodes()).containsExactly("each-1");

    Result notAChild = cluster.cli("skip", "fan", "plain-1");
    assertThat(notAChild.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(notAChild.err()).contains("has no node plain-1; its nodes: each, plain");
  }

  @Test
  void rerunCreatesARunOfTheSamePipelineWithRerunOfAndTheParamsOverridden() {
    cluster.createRun(Fixtures.DIAMOND_RUN);

    Result result = cluster.cli("rerun", "diamond-abcde", "--from", "b", "--from", "c", "-p", "mode=full",
        "--node-param", "c.batch=1");

    assertThat(result.exitCode()).as(result.err()).isZero();
    PipelineRun rerun = cluster.runs().stream().filter(r -> !r.getMetadata().getName().equals("diamond-abcde"))
        .findFirst().orElseThrow();
    assertThat(rerun.getMetadata().getName()).startsWith("diamond-");
    assertThat(rerun.getSpec().getPipelineRef().getName()).isEqualTo("diamond");
    assertThat(rerun.getSpec().getRerunOf().getName()).isEqualTo("diamond-abcde");
    assertThat(rerun.getSpec().getRerunOf().getFromNodes()).containsExactly("b", "c");
    assertThat(rerun.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("date=2025-08-22", "mode=full");
    assertThat(rerun.getSpec().getNodeParams().get(0).getParams().get(0).getValue()).isEqualTo("1");
    assertThat(rerun.getSpec().getCorrelationId()).isEqualTo("order-4711");

    Result badNode = cluster.cli("rerun", "diamond-abcde", "--from", "zz");
    assertThat(badNode.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(badNode.err()).contains("pipeline diamond has no node zz");
    Result badParam = cluster.cli("rerun", "diamond-abcde", "-p", "mode=x");
    assertThat(badParam.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badParam.err()).contains("spec.params.mode: \"x\" is not one of [full, delta]");
  }

  @Test
  void pipelineVerbsSuspendUnsuspendTriggerAndList() {
    Result suspend = cluster.cli("suspend", "diamond");
    assertThat(suspend.out()).isEqualTo("pipeline/diamond suspended (spec.suspend: true)\n");
    assertThat(cluster.pipeline("diamond").getSpec().getSuspend()).isTrue();
    assertThat(cluster.cli("pipelines").out()).contains("diamond").contains("true");
    assertThat(cluster.cli("unsuspend", "diamond").exitCode()).isZero();
    assertThat(cluster.pipeline("diamond").getSpec().getSuspend()).isFalse();

    Result refused = cluster.cli("trigger", "diamond");
    assertThat(refused.exitCode()).as("diamond requires date").isEqualTo(ExitCodes.USAGE);
    assertThat(refused.err()).contains("spec.params.date: required param is missing");
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: simple}
        spec: {nodes: [{name: a, image: busybox}]}
        """);
    Result trigger = cluster.cli("trigger", "simple");
    assertThat(trigger.exitCode()).as(trigger.err()).isZero();
    assertThat(cluster.runs()).singleElement().satisfies(r -> {
      assertThat(r.getMetadata().getName()).startsWith("simple-");
      assertThat(r.getSpec().getPipelineRef().getName()).isEqualTo("simple");
    });
    assertThat(cluster.cli("suspend", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);

    Result json = cluster.cli("pipelines", "-o", "json");
    KubernetesList list = cluster.client().getKubernetesSerialization().unmarshal(json.out(), KubernetesList.class);
    assertThat(list.getItems()).extracting(i -> i.getMetadata().getName()).containsExactly("diamond", "simple");
  }

  @Test
  void theNamespaceOptionIsHonoured() {
    Result result = cluster.cli("-n", "elsewhere", "pipelines");
    assertThat(result.err()).isEqualTo("No pipelines found in namespace elsewhere.\n");
    assertThat(cluster.cli("pipelines", "--namespace", "elsewhere").err()).contains("namespace elsewhere");
  }
}
