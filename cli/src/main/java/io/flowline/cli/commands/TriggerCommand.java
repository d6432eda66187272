package io.flowline.cli.commands;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRunSpec;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.ParamCheck;
import io.flowline.cli.RunLauncher;
import io.flowline.cli.Session;
import io.flowline.cli.WaitOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code trigger PIPELINE}: a run now, with the pipeline's defaults, as its schedule would start one. */
@Command(name = "trigger", description = {"Run PIPELINE now with its default params (also when suspended).",
    "A pipeline with required params needs start -p instead."},
    footer = {"", "Example: kubectl flowline trigger nightly-etl"})
public final class TriggerCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PIPELINE")
  String pipeline;

  @Mixin
  WaitOptions wait;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    Session session = session();
    Pipeline definition = session.pipeline(pipeline);
    PipelineRunSpec spec = new PipelineRunSpec();
    ParamCheck.check(definition, spec, session.templates());
    return RunLauncher.launch(session, RunLauncher.newRun(pipeline, spec), wait, output);
  }
}
