package io.flowline.cli.commands;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.cli.CliException;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.RunPatcher;
import io.flowline.cli.RunWaiter;
import io.flowline.cli.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code skip RUN NODE}: adds NODE to spec.skipNodes; it becomes Skipped and its dependents proceed. */
@Command(name = "skip", description = {"Skip NODE of RUN (added to spec.skipNodes): a node that has not started, or "
    + "waits for a retry, becomes Skipped and its dependents proceed; its outputs are empty."},
    footer = {"", "Example: kubectl flowline skip nightly-etl-x7k2p load"})
public final class SkipCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String run;

  @Parameters(index = "1", paramLabel = "NODE")
  String node;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    Session session = session();
    PipelineRun current = session.run(run);
    if (RunWaiter.finished(current)) {
      throw new CliException(ExitCodes.USAGE, "pipelinerun " + run + " has already ended ("
          + current.getStatus().getPhase() + "); nothing left to skip");
    }
    if (current.getSpec() != null && current.getSpec().getSkipNodes().contains(node)) {
      session.out().println("pipelinerun/" + run + " already skips node " + node);
      return ExitCodes.OK;
    }
    PipelineSpec dag = session.dag(current);
    if (dag != null && !Session.hasNode(dag, node)) {
      throw CliException.notFound("pipelinerun " + run + " has no node " + node + "; its nodes: "
          + Session.nodeNames(dag));
    }
    Optional<NodeStatus> status = session.nodeTable(current).stream().filter(n -> node.equals(n.getName()))
        .findFirst();
    if (status.isPresent() && status.get().getPhase() != null) {
      switch (status.get().getPhase()) {
        case Running, Succeeded, Failed, Cancelled -> throw new CliException(ExitCodes.USAGE, "node " + node
            + " of pipelinerun " + run + " is " + status.get().getPhase()
            + ": only a node that has not started, or waits for a retry, can be skipped");
        default -> {
        }
      }
    }
    PipelineRun patched = RunPatcher.patchFromCurrent(session, run, latest -> {
      List<String> skip = new ArrayList<>(latest.getSpec() == null ? List.of() : latest.getSpec().getSkipNodes());
      if (!skip.contains(node)) {
        skip.add(node);
      }
      return Map.of("skipNodes", skip);
    });
    if (output.human()) {
      session.out().println("pipelinerun/" + run + " skips node " + node + " (spec.skipNodes: "
          + String.join(", ", patched.getSpec().getSkipNodes()) + ")");
    } else {
      output.print(session.out(), session.client().getKubernetesSerialization(), patched);
    }
    return ExitCodes.OK;
  }
}
