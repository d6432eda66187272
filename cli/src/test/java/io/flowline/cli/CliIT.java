package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flowline.api.DesiredRunState;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.e2e.E2eEnvironment;
import io.flowline.e2e.RepoLayout;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every verb of kubectl flowline on the real cluster, against a running operator (the operator module's e2e
 * harness: a namespace and an operator process of this class's own). The CLI runs in-process, as its main would,
 * except in the last test, which installs the launcher script and the jar on a PATH and runs
 * {@code kubectl flowline} as a user does.
 */
@EnabledIfSystemProperty(named = "flowline.cli.it", matches = "true",
    disabledReason = "an end-to-end test: run by failsafe (mvn verify), after the jars are packaged")
class CliIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  private static final Duration RUN_DEADLINE = E2eEnvironment.RUN_DEADLINE;

  /** a -> b, a -> c, b and c -> d: outputs, a pipeline param with an enum, a node param. */
  private static final String DIAMOND = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: diamond}
      spec:
        params: [{name: mode, type: string, default: full, enum: [full, delta]}]
        nodes:
        - {name: a, image: "busybox:1.36", outputs: [rows],
           command: [sh, -c, "echo extracting; echo rows=7 > /dev/termination-log"]}
        - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, "echo b saw $(nodes.a.outputs.rows)"]}
        - {name: c, dependsOn: [a], image: "busybox:1.36", params: [{name: batch, type: integer, default: "5"}],
           command: [sh, -c, "echo c batch $(params.batch)"]}
        - {name: d, dependsOn: [b, c], image: "busybox:1.36", command: [sh, -c, "echo d mode=$(params.mode)"]}
      """;

  /** Fails its first attempt, succeeds on the next: what retry is for. */
  private static final String FLAKY = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: flaky}
      spec:
        nodes:
        - {name: x, image: "busybox:1.36",
           command: [sh, -c, "echo attempt $(node.attempt); test $(node.attempt) -ge 2"]}
      """;

  /** A chain whose first node takes a few seconds: time to pause, skip, stop or cancel. */
  private static final String SLOW = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: slow}
      spec:
        nodes:
        - {name: s1, image: "busybox:1.36", command: [sh, -c, "sleep 6; echo s1 done"]}
        - {name: s2, dependsOn: [s1], image: "busybox:1.36", command: [sh, -c, "echo s2"]}
        - {name: s3, dependsOn: [s2], image: "busybox:1.36", command: [sh, -c, "echo s3"]}
      """;

  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void pipelines() {
    for (String yaml : List.of(DIAMOND, FLAKY, SLOW)) {
      env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
          .inNamespace(env.namespace()).create();
    }
  }

  /** {@code kubectl flowline -n NAMESPACE ARGS}, in-process, with the test's KUBECONFIG. */
  private static Result cli(String... args) {
    List<String> all = new ArrayList<>(List.of("-n", env.namespace()));
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FlowlineCli.run(options -> new KubernetesClientBuilder().withConfig(options.config()).build(),
        new PrintWriter(out), new PrintWriter(err), Clock.systemUTC(), all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  private static PipelineRun get(String name) {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace()).withName(name).get();
  }

  private static PipelineRun awaitPhase(String name, RunPhase phase) {
    return env.await("run " + name + " to be " + phase).atMost(RUN_DEADLINE)
        .until(() -> get(name), run -> run != null && run.getStatus() != null && run.getStatus().getPhase() == phase);
  }

  private static NodeStatus node(PipelineRun run, String name) {
    return run.getStatus().getNodes().stream().filter(n -> name.equals(n.getName())).findFirst()
        .orElseThrow(() -> new AssertionError("no node " + name + " in "
            + env.client().getKubernetesSerialization().asYaml(run.getStatus())));
  }

  /** The run name out of "pipelinerun/NAME created". */
  private static String created(Result result) {
    String first = result.out().lines().findFirst().orElse("");
    assertThat(first).as(result.toString()).matches("pipelinerun/\\S+ created");
    return first.substring("pipelinerun/".length(), first.indexOf(' '));
  }

  @Test
  void startWithLogsRunsTheDiamondThenGetListLogsAndRerunShowAndReuseIt() {
    Result start = cli("start", "diamond", "-p", "mode=delta", "--node-param", "c.batch=9",
        "--correlation-id", "order-1", "--priority", "3", "--logs");

    assertThat(start.exitCode()).as(start.toString()).isZero();
    String name = created(start);
    assertThat(start.out()).contains("[a] extracting\n", "[b] b saw 7\n", "[c] c batch 9\n", "[d] d mode=delta\n")
        .containsPattern("pipelinerun/" + name + " Succeeded after \\S+ \\(4/4 nodes\\)\n$");
    PipelineRun run = get(name);
    assertThat(name).startsWith("diamond-");
    assertThat(run.getMetadata().getLabels()).containsEntry(RunLauncher.CORRELATION_LABEL, "order-1");
    assertThat(run.getSpec().getCorrelationId()).isEqualTo("order-1");
    assertThat(run.getSpec().getPriority()).isEqualTo(3);
    assertThat(run.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("mode=delta");

    Result tree = cli("get", name);
    assertThat(tree.exitCode()).as(tree.toString()).isZero();
    assertThat(tree.out()).contains("Pipeline:    diamond\n", "Phase:       Succeeded\n", "Progress:    4/4\n",
            "Correlation: order-1\n", "Params:      mode=delta\n")
        .containsPattern("\na +Succeeded +1 +\\d+s +rows=7\n")
        .containsPattern("\n├── b +Succeeded +1 ")
        .containsPattern("\n│   └── d +Succeeded +1 ")
        .containsPattern("\n└── c +Succeeded +1 ")
        .contains("    └── d", "(see under b)");
    PipelineRun asJson = env.client().getKubernetesSerialization().unmarshal(cli("get", name, "-o", "json").out(),
        PipelineRun.class);
    assertThat(asJson.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);

    Result logs = cli("logs", name, "--node", "d");
    assertThat(logs.out()).as(logs.toString()).isEqualTo("d mode=delta\n");
    assertThat(cli("logs", name).out()).contains("[a] extracting\n", "[d] d mode=delta\n");

    Result rerun = cli("rerun", name, "--from", "c", "-p", "mode=full", "--wait");
    assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
    String second = created(rerun);
    PipelineRun again = get(second);
    assertThat(again.getSpec().getRerunOf().getName()).isEqualTo(name);
    assertThat(again.getSpec().getRerunOf().getFromNodes()).containsExactly("c");
    assertThat(again.getSpec().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("mode=full");
    assertThat(again.getSpec().getNodeParams().get(0).getParams().get(0).getValue()).isEqualTo("9");
    assertThat(node(again, "a").getMessage()).isEqualTo("copied from run " + name);
    assertThat(node(again, "b").getMessage()).isEqualTo("copied from run " + name);
    assertThat(cli("logs", second, "--node", "d").out()).isEqualTo("d mode=full\n");

    Result list = cli("list", "diamond");
    assertThat(list.out().lines().skip(1).map(l -> l.split("\\s+")[0]))
        .as(list.toString()).containsExactly(second, name);
    assertThat(list.out()).contains("Succeeded", "4/4", "order-1");
    KubernetesList byCorrelation = env.client().getKubernetesSerialization().unmarshal(
        cli("list", "--correlation-id", "order-1", "--phase", "Succeeded", "--limit", "1", "-o", "json").out(),
        KubernetesList.class);
    assertThat(byCorrelation.getItems()).extracting(i -> i.getMetadata().getName()).containsExactly(second);
  }

  @Test
  void badParamsAndUnknownNamesAreRefusedBeforeAnythingIsCreated() {
    Result bad = cli("start", "diamond", "-p", "mode=fast", "--wait");
    assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(bad.err()).contains("spec.params.mode: \"fast\" is not one of [full, delta]")
        .contains("-p mode", "full | delta");

    Result unknown = cli("start", "nightly");
    assertThat(unknown.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(unknown.err()).contains("pipeline nightly not found in namespace " + env.namespace())
        .contains("diamond, flaky, slow");
    assertThat(cli("get", "no-such-run").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems())
        .noneMatch(r -> r.getSpec().getParams().stream().anyMatch(p -> "fast".equals(p.getValue())));
  }

  @Test
  void aFailedRunExitsOneAndRetryRunsTheFailedNodeAgain() {
    Result start = cli("start", "flaky", "--wait");
    assertThat(start.exitCode()).as(start.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    String name = created(start);
    assertThat(start.out()).contains("pipelinerun/" + name + " Failed");

    Result retry = cli("retry", name);
    assertThat(retry.out()).as(retry.toString()).isEqualTo("pipelinerun/" + name + " retried (spec.retry: 1)\n");
    assertThat(get(name).getSpec().getRetry()).isEqualTo(1);
    PipelineRun retried = awaitPhase(name, RunPhase.Succeeded);
    assertThat(node(retried, "x").getAttempt()).isEqualTo(2);
    assertThat(cli("logs", name).out()).isEqualTo("[x#2] attempt 2\n");
    assertThat(cli("logs", name, "--node", "x", "--attempt", "1").out()).isEqualTo("attempt 1\n");
    assertThat(cli("retry", name).exitCode()).as("a Succeeded run").isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void pauseSkipAndResumeSteerARun() {
    String name = created(cli("start", "slow"));
    env.await("s1 of " + name + " to run").atMost(RUN_DEADLINE).until(() -> get(name),
        run -> run.getStatus() != null && run.getStatus().getNodes().stream()
            .anyMatch(n -> n.getName().equals("s1") && n.getPhase() == NodePhase.Running));

    assertThat(cli("pause", name).out()).isEqualTo("pipelinerun/" + name + " paused (spec.state: Paused)\n");
    awaitPhase(name, RunPhase.Paused);
    Result skip = cli("skip", name, "s2");
    assertThat(skip.out()).as(skip.toString())
        .isEqualTo("pipelinerun/" + name + " skips node s2 (spec.skipNodes: s2)\n");
    assertThat(cli("skip", name, "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(cli("resume", name).exitCode()).isZero();
    assertThat(get(name).getSpec().getState()).isEqualTo(DesiredRunState.Running);

    PipelineRun done = awaitPhase(name, RunPhase.Succeeded);
    assertThat(node(done, "s2").getPhase()).isEqualTo(NodePhase.Skipped);
    assertThat(node(done, "s3").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(cli("get", name).out()).containsPattern("\n    └── s3 +Succeeded +1 ")
        .containsPattern("\n└── s2 +Skipped");
  }

  @Test
  void stopEndsARunAfterItsRunningNodeAndCancelMakesWaitExitThree() throws Exception {
    CompletableFuture<Result> waiting = CompletableFuture.supplyAsync(() -> cli("start", "slow", "--wait"));
    String cancelled = env.await("the waited run to exist").atMost(Duration.ofSeconds(30)).until(
        () -> env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems().stream()
            .filter(r -> r.getSpec().getPipelineRef().getName().equals("slow") && r.getStatus() != null
                && r.getStatus().getPhase() == RunPhase.Running && r.getSpec().getState() == null)
            .map(r -> r.getMetadata().getName()).findFirst().orElse(null),
        found -> found != null);
    String stopped = created(cli("start", "slow"));

    assertThat(cli("cancel", cancelled).exitCode()).isZero();
    assertThat(cli("stop", stopped).out()).isEqualTo("pipelinerun/" + stopped + " stopping (spec.state: Stopped)\n");

    Result waited = waiting.get(RUN_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    assertThat(waited.exitCode()).as(waited.toString()).isEqualTo(ExitCodes.RUN_CANCELLED);
    assertThat(waited.out()).contains("pipelinerun/" + cancelled + " Cancelled");
    PipelineRun stop = awaitPhase(stopped, RunPhase.Cancelled);
    assertThat(stop.getStatus().getConditions()).anySatisfy(c -> {
      assertThat(c.getType()).isEqualTo("Succeeded");
      assertThat(c.getReason()).isEqualTo("Stopped");
    });
    assertThat(node(stop, "s1").getPhase()).as("the running node finished").isEqualTo(NodePhase.Succeeded);
    assertThat(cli("list", "slow", "--phase", "Cancelled").out()).contains(cancelled, stopped);
  }

  @Test
  void pipelinesSuspendUnsuspendAndTrigger() {
    assertThat(cli("suspend", "diamond").out()).isEqualTo("pipeline/diamond suspended (spec.suspend: true)\n");
    assertThat(env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName("diamond").get()
        .getSpec().getSuspend()).isTrue();
    Result table = cli("pipelines");
    assertThat(table.out()).as(table.toString()).startsWith("NAME ").containsPattern("\ndiamond +\\S+ +Manual +true ")
        .contains("flaky", "slow");

    Result trigger = cli("trigger", "diamond", "--wait");
    assertThat(trigger.exitCode()).as(trigger.toString()).isZero();
    String name = created(trigger);
    assertThat(name).startsWith("diamond-");
    assertThat(get(name).getStatus().getParams()).extracting(p -> p.getName() + "=" + p.getValue())
        .containsExactly("mode=full");

    assertThat(cli("unsuspend", "diamond").exitCode()).isZero();
    assertThat(env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName("diamond").get()
        .getSpec().getSuspend()).isFalse();
    Map<String, Object> listed = env.client().getKubernetesSerialization()
        .unmarshal(cli("pipelines", "-o", "yaml").out(), Map.class);
    assertThat(listed).containsEntry("kind", "List");
  }

  @Test
  void installedOnThePathItRunsAsAKubectlPlugin(@TempDir Path bin) throws IOException, InterruptedException {
    Path cli = RepoLayout.locate().root().resolve("cli");
    Files.copy(cli.resolve("kubectl-flowline"), bin.resolve("kubectl-flowline"), StandardCopyOption.COPY_ATTRIBUTES);
    Files.copy(cli.resolve("target/kubectl-flowline.jar"), bin.resolve("kubectl-flowline.jar"));

    Path out = bin.resolve("out.txt");
    ProcessBuilder builder = new ProcessBuilder("kubectl", "flowline", "pipelines", "-n", env.namespace())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectErrorStream(true);
    builder.environment().put("PATH", bin + File.pathSeparator + System.getenv("PATH"));
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kubectl flowline finished").isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(printed).isZero();
    assertThat(printed).startsWith("NAME ").contains("diamond", "flaky", "slow");

    builder.command("kubectl", "flowline", "get", "no-such-run", "-n", env.namespace());
    Process missing = builder.start();
    assertThat(missing.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(missing.exitValue()).isEqualTo(ExitCodes.NOT_FOUND);
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("error: pipelinerun no-such-run not found");
  }
}
