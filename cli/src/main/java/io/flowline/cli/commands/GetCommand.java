package io.flowline.cli.commands;

import io.flowline.api.PipelineRun;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.Session;
import io.flowline.cli.render.RunDescription;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code get RUN}: the run and its DAG with each node's phase, attempt, duration and outputs. */
@Command(name = "get", description = "Show RUN: phase, params, and its DAG as a tree with each node's phase, "
    + "attempt, duration and outputs (or failure message).",
    footer = {"", "Example: kubectl flowline get nightly-etl-x7k2p"})
public final class GetCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String run;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    Session session = session();
    PipelineRun found = session.run(run);
    if (!output.human()) {
      output.print(session.out(), session.client().getKubernetesSerialization(), found);
      return ExitCodes.OK;
    }
    session.out().print(RunDescription.render(found, session.dag(found), session.nodeTable(found),
        session.clock().instant()));
    return ExitCodes.OK;
  }
}
