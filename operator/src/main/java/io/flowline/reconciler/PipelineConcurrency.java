package io.flowline.reconciler;

import io.flowline.api.ConcurrencyPolicy;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.engine.Admission;
import io.flowline.engine.ConcurrencyGate;
import io.flowline.engine.ConcurrencyRules;
import io.flowline.engine.ContendingRun;
import io.flowline.engine.Timestamps;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import java.util.List;
import java.util.Optional;

/**
 * Applies a Pipeline's {@code concurrency} to its runs, from the operator's run cache: an index by pipeline finds a
 * run's siblings without scanning every run, and a freed slot or a newer run wakes the siblings it concerns.
 */
final class PipelineConcurrency {
  private static final String BY_PIPELINE = "flowline-runs-by-pipeline";

  private final IndexerResourceCache<PipelineRun> runs;
  private final SimpleInboundEventSource<PipelineRun> wakeUps;

  private PipelineConcurrency(IndexerResourceCache<PipelineRun> runs, SimpleInboundEventSource<PipelineRun> wakeUps) {
    this.runs = runs;
    this.wakeUps = wakeUps;
  }

  /** Indexes {@code runs} by pipeline (before the informer starts, as JOSDK requires). */
  static PipelineConcurrency over(IndexerResourceCache<PipelineRun> runs,
      SimpleInboundEventSource<PipelineRun> wakeUps) {
    runs.addIndexer(BY_PIPELINE, run -> PipelineRefs.nameOf(run).map(name -> List.of(key(run.getMetadata().getNamespace(),
        name))).orElse(List.of()));
    return new PipelineConcurrency(runs, wakeUps);
  }

  /** Whether the not yet started {@code run} of {@code pipeline} may start now. */
  Admission admit(PipelineRun run, Pipeline pipeline) {
    ConcurrencyRules rules = rules(pipeline);
    // Most pipelines have no limit: their runs start without a look at their siblings, however many there are.
    return rules.isUnlimited() ? Admission.start() : ConcurrencyGate.decide(rules, contender(run), siblings(run));
  }

  /** The cancel message when {@code pipeline}'s Replace policy makes the started {@code run} give way. */
  Optional<String> replacedBy(PipelineRun run, Pipeline pipeline) {
    if (pipeline == null || rules(pipeline).policy() != ConcurrencyPolicy.Replace || rules(pipeline).isUnlimited()) {
      return Optional.empty();
    }
    return ConcurrencyGate.replacedBy(rules(pipeline), siblings(run), run.getMetadata().getName());
  }

  /**
   * {@code run}'s phase changed: its unfinished siblings decide again (a queued run may start, a position moves, an
   * older run gives way to a newer one). Only for pipelines with a limit: without one no run waits for another.
   */
  void phaseChanged(PipelineRun run, Pipeline pipeline) {
    if (pipeline == null || rules(pipeline).isUnlimited()) {
      return;
    }
    for (PipelineRun sibling : runs.byIndex(BY_PIPELINE, key(run.getMetadata().getNamespace(),
        PipelineRefs.nameOf(run).orElseThrow()))) {
      boolean finished = sibling.getStatus() != null && sibling.getStatus().getPhase() != null
          && sibling.getStatus().getPhase().isFinished();
      if (!finished && !sibling.getMetadata().getName().equals(run.getMetadata().getName())) {
        wakeUps.propagateEvent(ResourceID.fromResource(sibling));
      }
    }
  }

  /**
   * The pipeline's runs as the operator last wrote them: the index lists them from the informer's store, which
   * learns of a write only when the watch delivers it, while get also sees the writes just made (StatusWriter hands
   * them to JOSDK's cache). A run woken because a sibling finished must see that sibling finished.
   */
  /** Wakes {@code pipeline}'s runs that wait for a slot (Pending or Queued). */
  void wakeWaiting(Pipeline pipeline) {
    for (PipelineRun run : runs.byIndex(BY_PIPELINE, key(pipeline.getMetadata().getNamespace(),
        pipeline.getMetadata().getName()))) {
      RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
      if (phase == null || phase == RunPhase.Pending || phase == RunPhase.Queued) {
        wakeUps.propagateEvent(ResourceID.fromResource(run));
      }
    }
  }

  private List<ContendingRun> siblings(PipelineRun run) {
    return PipelineRefs.nameOf(run).map(name -> runs.byIndex(BY_PIPELINE, key(run.getMetadata().getNamespace(), name))
        .stream().map(sibling -> runs.get(ResourceID.fromResource(sibling)).orElse(sibling))
        .map(PipelineConcurrency::contender).toList()).orElse(List.of());
  }

  private static ConcurrencyRules rules(Pipeline pipeline) {
    return pipeline.getSpec() == null ? ConcurrencyRules.unlimited() : ConcurrencyRules.of(pipeline.getSpec()
        .getConcurrency());
  }

  private static ContendingRun contender(PipelineRun run) {
    return new ContendingRun(run.getMetadata().getName(),
        run.getStatus() == null ? null : run.getStatus().getPhase(),
        run.getSpec() == null ? null : run.getSpec().getPriority(),
        Timestamps.parse(run.getMetadata().getCreationTimestamp()));
  }

  private static String key(String namespace, String pipeline) {
    return namespace + "/" + pipeline;
  }
}
