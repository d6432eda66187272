package io.flowline.reconciler;

import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.PipelineRunIndex;
import io.flowline.engine.PipelineRunsView;
import io.flowline.engine.RunRecord;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The Pipeline reconciler's informer store of runs, which keeps a {@link PipelineRunIndex} per pipeline in step with
 * what it stores. A Pipeline's status once came from all its runs, sorted on every change of any of them: with
 * 10,000 runs of one pipeline each change cost 10,000 runs. The index is updated as the informer writes, so a
 * reconcile costs the pipeline's active runs and the runs its history drops.
 *
 * <p>A run belongs to the pipeline its {@code pipelineRef} names in its namespace; a run with an inline
 * pipelineSpec belongs to none. Pipelines without runs have no index, so the memory follows the runs.
 */
final class RunLedger implements ItemStore<PipelineRun> {
  private final ItemStore<PipelineRun> store;
  private final Map<ResourceID, PipelineRunIndex> pipelines = new ConcurrentHashMap<>();

  /** @param store where the runs are kept; the index reads them as it stores them */
  RunLedger(ItemStore<PipelineRun> store) {
    this.store = store;
  }

  /** {@code pipeline}'s runs now, with those its {@code spec.history} no longer keeps. */
  PipelineRunsView view(Pipeline pipeline) {
    PipelineRunIndex index = pipelines.get(ResourceID.fromResource(pipeline));
    // An index emptied and dropped after get() gives an empty view: what the store holds by then.
    return index == null ? PipelineRunsView.none()
        : index.view(pipeline.getSpec() == null ? null : pipeline.getSpec().getHistory());
  }

  @Override
  public PipelineRun put(String key, PipelineRun run) {
    PipelineRun previous = store.put(key, run);
    PipelineRun stored = store.get(key);
    Optional<ResourceID> was = previous == null ? Optional.empty() : pipelineOf(previous);
    Optional<ResourceID> is = pipelineOf(stored);
    if (was.isPresent() && !was.equals(is)) {
      forget(was.get(), previous);
    }
    // One put replaces the run in its index: a reader never sees it missing in between.
    is.ifPresent(pipeline -> pipelines.compute(pipeline, (id, index) -> {
      PipelineRunIndex kept = index != null ? index : new PipelineRunIndex(id.getName());
      kept.put(record(stored));
      return kept;
    }));
    return previous;
  }

  @Override
  public PipelineRun remove(String key) {
    PipelineRun removed = store.remove(key);
    if (removed != null) {
      pipelineOf(removed).ifPresent(pipeline -> forget(pipeline, removed));
    }
    return removed;
  }

  @Override
  public String getKey(PipelineRun run) {
    return store.getKey(run);
  }

  @Override
  public Stream<String> keySet() {
    return store.keySet();
  }

  @Override
  public Stream<PipelineRun> values() {
    return store.values();
  }

  @Override
  public int size() {
    return store.size();
  }

  @Override
  public PipelineRun get(String key) {
    return store.get(key);
  }

  @Override
  public boolean isFullState() {
    return store.isFullState();
  }

  private void forget(ResourceID pipeline, PipelineRun run) {
    pipelines.computeIfPresent(pipeline, (id, index) -> {
      index.remove(run.getMetadata().getName());
      return index.isEmpty() ? null : index;
    });
  }

  private static Optional<ResourceID> pipelineOf(PipelineRun run) {
    return PipelineRefs.nameOf(run).map(name -> new ResourceID(name, run.getMetadata().getNamespace()));
  }

  static RunRecord record(PipelineRun run) {
    PipelineRunStatus status = run.getStatus() == null ? new PipelineRunStatus() : run.getStatus();
    return new RunRecord(run.getMetadata().getName(), status.getPhase(), !status.getNodes().isEmpty(),
        run.getMetadata().getCreationTimestamp(), status.getStartTime(), status.getCompletionTime());
  }
}
