package io.flowline.cli.commands;

import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.cli.CliException;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.Session;
import io.flowline.cli.render.RunTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code list [PIPELINE]}: runs, newest first, read from the API in pages. */
@Command(name = "list", aliases = "ls", description = "List runs, newest first, optionally of one PIPELINE.",
    footer = {"", "Example: kubectl flowline list nightly-etl --phase Failed --limit 5"})
public final class ListCommand extends BaseCommand {
  /** Runs per API request: a namespace with many thousands of runs is read in pages, never in one answer. */
  static final long PAGE_SIZE = 500;

  @Parameters(index = "0", arity = "0..1", paramLabel = "PIPELINE", description = "Only runs of this Pipeline.")
  String pipeline;

  @Option(names = "--phase", paramLabel = "PHASE",
      description = "Only runs in this phase: ${COMPLETION-CANDIDATES}.")
  RunPhase phase;

  @Option(names = "--correlation-id", paramLabel = "ID", description = "Only runs with this spec.correlationId.")
  String correlationId;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "0",
      description = "Show at most N runs (the newest); 0 (default) shows all.")
  int limit;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw CliException.usage("--limit must be 0 or more");
    }
    Session session = session();
    List<PipelineRun> runs = new ArrayList<>();
    String token = null;
    do {
      KubernetesResourceList<PipelineRun> page = session.runs().inNamespace(session.namespace())
          .list(new ListOptionsBuilder().withLimit(PAGE_SIZE).withContinue(token).build());
      page.getItems().stream().filter(this::matches).forEach(runs::add);
      token = page.getMetadata() == null ? null : page.getMetadata().getContinue();
    } while (token != null && !token.isEmpty());
    newestFirst(runs);
    List<PipelineRun> shown = limit > 0 && runs.size() > limit ? runs.subList(0, limit) : runs;
    if (!output.human()) {
      output.printList(session.out(), session.client().getKubernetesSerialization(), shown);
    } else if (shown.isEmpty()) {
      session.err().println("No runs found in namespace " + session.namespace()
          + (pipeline == null ? "" : " for pipeline " + pipeline) + ".");
    } else {
      session.out().print(RunTable.render(shown, session.clock().instant()));
      if (shown.size() < runs.size()) {
        session.err().println("(" + shown.size() + " of " + runs.size() + " runs; --limit 0 shows all)");
      }
    }
    return ExitCodes.OK;
  }

  private boolean matches(PipelineRun run) {
    if (pipeline != null && !pipeline.equals(RunTable.pipelineOf(run))) {
      return false;
    }
    if (phase != null && !phase.name().equals(RunTable.phaseOf(run))) {
      return false;
    }
    return correlationId == null
        || (run.getSpec() != null && correlationId.equals(run.getSpec().getCorrelationId()));
  }

  /** Newest creationTimestamp first; runs of the same second by name, the later (generated) name first. */
  static void newestFirst(List<PipelineRun> runs) {
    runs.sort(Comparator.comparing((PipelineRun r) -> created(r))
        .thenComparing(r -> r.getMetadata().getName()).reversed());
  }

  private static String created(PipelineRun run) {
    String created = run.getMetadata().getCreationTimestamp();
    return created == null ? "" : created;
  }
}
