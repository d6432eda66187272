package io.flowline.cli.commands;

import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.cli.CliException;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.LogStreamer;
import io.flowline.cli.Session;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code logs RUN}: the nodes' logs, each line prefixed [node]; -f follows them until the run ends. */
@Command(name = "logs", description = "Print the logs of RUN's nodes (the last attempt of each), lines prefixed "
    + "[node]; -f follows them until the run ends.",
    footer = {"", "Example: kubectl flowline logs nightly-etl-x7k2p --node load -f"})
public final class LogsCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String run;

  @Option(names = "--node", paramLabel = "NODE", description = "Only this node's log (no prefix).")
  String node;

  @Option(names = "--attempt", paramLabel = "N", description = "With --node: this attempt instead of the last.")
  Integer attempt;

  @Option(names = {"-f", "--follow"}, description = "Follow the logs until the run ends.")
  boolean follow;

  @Override
  public Integer call() {
    if (attempt != null && (node == null || attempt < 1)) {
      throw CliException.usage("--attempt needs --node and a number from 1");
    }
    Session session = session();
    PipelineRun current = session.run(run);
    if (node != null) {
      PipelineSpec dag = session.dag(current);
      if (dag != null && !Session.hasNode(dag, node)) {
        throw CliException.notFound("pipelinerun " + run + " has no node " + node + "; its nodes: "
            + Session.nodeNames(dag));
      }
    }
    LogStreamer logs = new LogStreamer(session, node);
    if (follow && attempt == null) {
      logs.follow(run, null);
    } else {
      logs.print(current, attempt);
    }
    return ExitCodes.OK;
  }
}
