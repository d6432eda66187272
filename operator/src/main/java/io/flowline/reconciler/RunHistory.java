package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.HistorySpec;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.engine.PlannedEvent;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Deletes the runs of {@code pipeline} that its history drops; one Event per deleted run.
   *
   * @param doomed their names, as {@link io.flowline.engine.HistoryPruner} chose them
   */
  List<PlannedEvent> prune(Pipeline pipeline, List<String> doomed) {
    HistorySpec history = pipeline.getSpec() == null ? null : pipeline.getSpec().getHistory();
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

  private static String keep(Integer limit) {
    return limit == null ? "all" : String.valueOf(limit);
  }
}
