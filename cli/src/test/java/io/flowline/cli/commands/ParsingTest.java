package io.flowline.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowline.api.DesiredRunState;
import io.flowline.api.RunPhase;
import io.flowline.cli.CliException;
import io.flowline.cli.FlowlineCli;
import io.flowline.cli.OutputFormat;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Every verb's arguments, parsed without a cluster. */
class ParsingTest {
  private final FlowlineCli root = new FlowlineCli(options -> {
    throw new AssertionError("parsing must not connect");
  }, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Clock.systemUTC());

  @SuppressWarnings("unchecked")
  private <T> T parse(String... args) {
    ParseResult result = FlowlineCli.commandLine(root).parseArgs(args);
    return (T) result.subcommand().commandSpec().userObject();
  }

  @Test
  void startTakesParamsNodeParamsCorrelationPriorityWaitLogsTimeoutAndOutput() {
    StartCommand start = parse("start", "etl", "-p", "date=2025-08-22", "--param", "query=a=b=c",
        "--node-param", "extract.batchSize=1000", "--correlation-id", "order-1", "--priority", "5", "--wait",
        "--logs", "--timeout", "10m", "-o", "json");

    assertThat(start.pipeline).isEqualTo("etl");
    assertThat(start.params).containsExactly("date=2025-08-22", "query=a=b=c");
    assertThat(start.nodeParams).containsExactly("extract.batchSize=1000");
    var spec = start.spec();
    assertThat(spec.getParams()).extracting(p -> p.getName() + "|" + p.getValue())
        .containsExactly("date|2025-08-22", "query|a=b=c");
    assertThat(spec.getNodeParams()).singleElement().satisfies(n -> {
      assertThat(n.getNode()).isEqualTo("extract");
      assertThat(n.getParams()).extracting(p -> p.getName() + "|" + p.getValue()).containsExactly("batchSize|1000");
    });
    assertThat(spec.getCorrelationId()).isEqualTo("order-1");
    assertThat(spec.getPriority()).isEqualTo(5);
    assertThat(start.wait.waits()).isTrue();
    assertThat(start.wait.logs()).isTrue();
    assertThat(start.wait.limit()).hasMinutes(10);
    assertThat(start.output.format()).isEqualTo(OutputFormat.Format.json);
  }

  @Test
  void startRejectsAParamWithoutEqualsSign() {
    StartCommand start = parse("start", "etl", "-p", "date");
    assertThatThrownBy(start::spec).isInstanceOf(CliException.class).hasMessage("-p date: expected NAME=VALUE");
    StartCommand nodeless = parse("start", "etl", "--node-param", "batchSize=3");
    assertThatThrownBy(nodeless::spec).isInstanceOf(CliException.class)
        .hasMessage("--node-param batchSize=3: expected NODE.NAME=VALUE");
  }

  @Test
  void kubectlOptionsWorkBeforeAndAfterTheVerb() {
    ListCommand before = parse("-n", "etl", "--context", "prod", "--kubeconfig", "/tmp/kc", "list");
    assertThat(before.pipeline).isNull();
    ListCommand list = parse("list", "nightly", "--namespace", "etl", "--phase", "failed", "--correlation-id", "x",
        "--limit", "3", "-o", "yaml");
    assertThat(list.pipeline).isEqualTo("nightly");
    assertThat(list.phase).isEqualTo(RunPhase.Failed);
    assertThat(list.correlationId).isEqualTo("x");
    assertThat(list.limit).isEqualTo(3);
    assertThat(list.output.format()).isEqualTo(OutputFormat.Format.yaml);
    ListCommand all = parse("ls");
    assertThat(all.pipeline).isNull();
    assertThat(all.limit).isZero();
  }

  @Test
  void getLogsAndTheStateVerbsNameARun() {
    assertThat(this.<GetCommand>parse("get", "r1").run).isEqualTo("r1");
    LogsCommand logs = parse("logs", "r1", "--node", "load", "-f", "--attempt", "2");
    assertThat(logs.run).isEqualTo("r1");
    assertThat(logs.node).isEqualTo("load");
    assertThat(logs.follow).isTrue();
    assertThat(logs.attempt).isEqualTo(2);
    assertThat(this.<PauseCommand>parse("pause", "r1").target()).isEqualTo(DesiredRunState.Paused);
    assertThat(this.<ResumeCommand>parse("resume", "r1").target()).isEqualTo(DesiredRunState.Running);
    assertThat(this.<StopCommand>parse("stop", "r1").target()).isEqualTo(DesiredRunState.Stopped);
    assertThat(this.<CancelCommand>parse("cancel", "r1").target()).isEqualTo(DesiredRunState.Cancelled);
    assertThat(this.<RetryCommand>parse("retry", "r1").run).isEqualTo("r1");
  }

  @Test
  void rerunTakesFromNodesAndParamOverrides() {
    RerunCommand rerun = parse("rerun", "r1", "--from", "b", "--from", "c", "-p", "mode=delta",
        "--node-param", "c.batch=2", "--wait");
    assertThat(rerun.source).isEqualTo("r1");
    assertThat(rerun.fromNodes).containsExactly("b", "c");
    assertThat(rerun.params).containsExactly("mode=delta");
    assertThat(rerun.nodeParams).containsExactly("c.batch=2");
    assertThat(rerun.wait.waits()).isTrue();
  }

  @Test
  void skipNamesARunAndANodeAndThePipelineVerbsAPipeline() {
    SkipCommand skip = parse("skip", "r1", "load");
    assertThat(skip.run).isEqualTo("r1");
    assertThat(skip.node).isEqualTo("load");
    assertThat(this.<SuspendCommand>parse("suspend", "p").suspend()).isTrue();
    assertThat(this.<UnsuspendCommand>parse("unsuspend", "p").suspend()).isFalse();
    assertThat(this.<TriggerCommand>parse("trigger", "p", "--wait").pipeline).isEqualTo("p");
    assertThat(this.<PipelinesCommand>parse("pl", "-o", "json").output.format()).isEqualTo(OutputFormat.Format.json);
  }

  @Test
  void missingArgumentsUnknownOptionsAndBadValuesAreUsageErrors() {
    StringWriter err = new StringWriter();
    for (String[] args : new String[][] {{"start"}, {"skip", "r1"}, {"get"}, {"list", "--limit", "x"},
        {"get", "r1", "-o", "xml"}, {"start", "p", "--bogus"}, {"nope"}}) {
      int code = FlowlineCli.run(options -> {
        throw new AssertionError("no connection for a usage error");
      }, new PrintWriter(new StringWriter()), new PrintWriter(err), Clock.systemUTC(), args);
      assertThat(code).as(String.join(" ", args)).isEqualTo(CommandLine.ExitCode.USAGE);
    }
    assertThat(err.toString()).contains("Missing required parameter: 'PIPELINE'")
        .contains("Invalid value for option '--output'").contains("expected one of [json, yaml]")
        .contains("Unknown option: '--bogus'").contains("Unmatched argument at index 0: 'nope'");
  }
}
