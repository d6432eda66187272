package io.flowline.cli.commands;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRunSpec;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.ParamArgs;
import io.flowline.cli.ParamCheck;
import io.flowline.cli.RunLauncher;
import io.flowline.cli.Session;
import io.flowline.cli.WaitOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code start PIPELINE}: creates a PipelineRun after checking its params as the operator will. */
@Command(name = "start", description = {"Start a run of PIPELINE (a PipelineRun named PIPELINE-xxxxx).",
    "Params are checked first, as the operator checks them: nothing is created when they are wrong."},
    footer = {"", "Example: kubectl flowline start nightly-etl -p date=2025-08-22 --node-param extract.batchSize=1000 "
        + "--wait"})
public final class StartCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PIPELINE", description = "The Pipeline to run.")
  String pipeline;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A pipeline param (repeatable); the value is everything after the first '='.")
  List<String> params = new ArrayList<>();

  @Option(names = "--node-param", paramLabel = "NODE.NAME=VALUE", description = "A node's param (repeatable).")
  List<String> nodeParams = new ArrayList<>();

  @Option(names = "--correlation-id", paramLabel = "ID",
      description = "spec.correlationId, also the label flowline.io/correlation-id when it is a valid label value.")
  String correlationId;

  @Option(names = "--priority", paramLabel = "N", description = "spec.priority: higher starts first when queued.")
  Integer priority;

  @Mixin
  WaitOptions wait;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    PipelineRunSpec spec = spec();
    Session session = session();
    Pipeline definition = session.pipeline(pipeline);
    ParamCheck.check(definition, spec, session.templates());
    return RunLauncher.launch(session, RunLauncher.newRun(pipeline, spec), wait, output);
  }

  /** The run's spec from the arguments, before any call (malformed arguments fail here with exit code 2). */
  PipelineRunSpec spec() {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setParams(ParamArgs.params(params));
    spec.setNodeParams(ParamArgs.nodeParams(nodeParams));
    spec.setCorrelationId(correlationId);
    spec.setPriority(priority);
    return spec;
  }
}
