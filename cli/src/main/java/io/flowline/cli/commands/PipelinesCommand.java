package io.flowline.cli.commands;

import io.flowline.api.Pipeline;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.Session;
import io.flowline.cli.render.PipelineTable;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code pipelines}: the namespace's pipelines with their state, active and queued runs and last run. */
@Command(name = "pipelines", aliases = "pl", description = "List pipelines with their state, active and queued "
    + "runs, and last run.", footer = {"", "Example: kubectl flowline pipelines -n etl"})
public final class PipelinesCommand extends BaseCommand {
  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    Session session = session();
    List<Pipeline> pipelines = session.pipelines().inNamespace(session.namespace()).list().getItems().stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList();
    if (!output.human()) {
      output.printList(session.out(), session.client().getKubernetesSerialization(), pipelines);
    } else if (pipelines.isEmpty()) {
      session.err().println("No pipelines found in namespace " + session.namespace() + ".");
    } else {
      session.out().print(PipelineTable.render(pipelines, session.clock().instant()));
    }
    return ExitCodes.OK;
  }
}
