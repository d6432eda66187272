package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.HistorySpec;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.engine.HistoryPruner;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunNames;
import io.flowline.engine.Timestamps;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Deletes the finished runs of a Pipeline that its {@code history} no longer keeps, oldest first. Background
 * propagation: the API server removes the run at once and the garbage collector its Jobs and their pods, which the
 * run owns. A run already gone (404) is what was wanted, and gets no second Event; any other error propagates, and
 * the Pipeline's next reconciliation, with JOSDK's backoff, tries again.
 */
final class RunHistory {
  private final KubernetesClient client;

  RunHistory(KubernetesClient client) {
    this.client = client;
  }

  /** Deletes what {@code pipeline}'s history drops from {@code runs}; one Event per deleted run. */
  List<PlannedEvent> prune(Pipeline pipeline, List<PipelineRun> runs) {
    HistorySpec history = pipeline.getSpec() == null ? null : pipeline.getSpec().getHistory();
    String newestAuto = newestAutoRun(pipeline.getMetadata().getName(), runs);
    List<String> doomed = HistoryPruner.runsToDelete(history, runs.stream()
        .filter(run -> !run.getMetadata().getName().equals(newestAuto))
        .map(run -> new HistoryPruner.FinishedRun(run.getMetadata().getName(),
            run.getStatus() == null ? null : run.getStatus().getPhase(),
            run.getStatus() == null ? null : Timestamps.parse(run.getStatus().getCompletionTime()),
            Timestamps.parse(run.getMetadata().getCreationTimestamp())))
        .toList());
    List<PlannedEvent> events = new ArrayList<>();
    for (String name : doomed) {
      boolean deletedNow = !client.resources(PipelineRun.class).inNamespace(pipeline.getMetadata().getNamespace())
          .withName(name).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete().isEmpty();
      if (!deletedNow) {
        // Gone already (delete answers 404 with an empty list): an earlier reconcile deleted it and announced it,
        // and this one still saw it in a cache the deletion had not reached yet.
        continue;
      }
      events.add(PlannedEvent.normal("RunDeleted", "deleted run " + name + ": beyond history (succeeded "
          + keep(history.getSucceeded()) + ", failed " + keep(history.getFailed()) + ")"));
    }
    return events;
  }

  /**
   * Auto activation counts its cycles from its newest run (AutoActivation): deleting that one would restart the
   * count at once, without sleeping. It stays, whatever the history limits.
   */
  private static String newestAutoRun(String pipeline, List<PipelineRun> runs) {
    String newest = null;
    long newestCycle = 0;
    for (PipelineRun run : runs) {
      OptionalLong cycle = RunNames.autoCycleOf(pipeline, run.getMetadata().getName());
      if (cycle.isPresent() && cycle.getAsLong() > newestCycle) {
        newestCycle = cycle.getAsLong();
        newest = run.getMetadata().getName();
      }
    }
    return newest;
  }

  private static String keep(Integer limit) {
    return limit == null ? "all" : String.valueOf(limit);
  }
}
