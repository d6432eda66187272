package io.flowline.engine;

import io.flowline.api.HistorySpec;
import io.flowline.engine.HistoryPruner.FinishedRun;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One pipeline's runs, kept sorted for its status as they come, change and go, so that a reconcile of the Pipeline
 * reads only what can matter. A pipeline can keep 10,000 runs: scanning and sorting all of them on every change of
 * any one costs as much again each time. From here a view costs the active runs plus the runs beyond the history
 * limits, and a change O(log n).
 *
 * <p>Thread-safe: the informer's thread writes, reconciles read a {@link PipelineRunsView} that does not change.
 */
public final class PipelineRunIndex {
  /** Creation time as the API server writes it (fixed-width RFC 3339, UTC), so text order is time order. */
  private static final Comparator<RunRecord> NEWEST_FIRST = Comparator
      .comparing((RunRecord run) -> String.valueOf(run.creationTimestamp()))
      .thenComparing(RunRecord::name)
      .reversed();

  private record Indexed(RunRecord run, FinishedRun asFinished, OptionalLong autoCycle) {
  }

  private final String pipeline;
  private final Map<String, Indexed> byName = new HashMap<>();
  private final Map<String, Indexed> active = new HashMap<>();
  private final NavigableSet<RunRecord> newestFirst = new TreeSet<>(NEWEST_FIRST);
  private final NavigableMap<Long, Indexed> autoByCycle = new TreeMap<>();
  private final HistoryPruner finished = new HistoryPruner();

  /** @param pipeline the Pipeline's name: it tells its Auto runs by their names */
  public PipelineRunIndex(String pipeline) {
    this.pipeline = pipeline;
  }

  /** Adds {@code run}, or replaces the run of that name. */
  public synchronized void put(RunRecord run) {
    remove(run.name());
    Indexed indexed = new Indexed(run, run.asFinishedRun(), RunNames.autoCycleOf(pipeline, run.name()));
    byName.put(run.name(), indexed);
    if (!run.isFinished()) {
      active.put(run.name(), indexed);
    }
    newestFirst.add(run);
    indexed.autoCycle().ifPresent(cycle -> autoByCycle.put(cycle, indexed));
    finished.add(indexed.asFinished());
  }

  public synchronized void remove(String name) {
    Indexed indexed = byName.remove(name);
    if (indexed == null) {
      return;
    }
    active.remove(name);
    newestFirst.remove(indexed.run());
    indexed.autoCycle().ifPresent(autoByCycle::remove);
    finished.remove(indexed.asFinished());
  }

  public synchronized boolean isEmpty() {
    return byName.isEmpty();
  }

  /** The runs as they are now, with those that {@code history} no longer keeps. */
  public synchronized PipelineRunsView view(HistorySpec history) {
    List<RunRecord> activeRuns = new ArrayList<>();
    List<AutoRun> autoRuns = new ArrayList<>();
    for (Indexed indexed : active.values()) {
      activeRuns.add(indexed.run());
      indexed.autoCycle().ifPresent(cycle -> autoRuns.add(AutoRun.active(cycle)));
    }
    Optional<Indexed> newestAuto = Optional.ofNullable(autoByCycle.lastEntry()).map(Map.Entry::getValue);
    // Without an active Auto run, Auto activation counts from the newest one; the older ones decide nothing.
    newestAuto.filter(auto -> auto.run().isFinished()).ifPresent(auto -> autoRuns.add(
        AutoRun.finished(auto.autoCycle().getAsLong(), auto.asFinished().finishedAt())));
    // Deleting the newest Auto run would restart Auto's count at once, so history never deletes it.
    FinishedRun spared = newestAuto.map(Indexed::asFinished).orElse(null);
    return new PipelineRunsView(activeRuns, Optional.ofNullable(newestFirst.isEmpty() ? null : newestFirst.first()),
        autoRuns, finished.runsBeyond(history, spared));
  }
}
