package io.flowline.engine;

import io.flowline.api.HistorySpec;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * Which finished runs of a pipeline {@code history} no longer keeps. Each limit keeps the newest runs of its kind;
 * null keeps all, 0 keeps none. Deleting a run takes its Jobs and pods with it (they are owned by the run).
 *
 * <p>Cancelled runs count as failed, as in Argo's failedJobsHistoryLimit (Failed and Error) and CronJob's: the
 * failed limit keeps whatever did not succeed, which is what users go back to look at, while a run someone
 * cancelled (or that ConcurrencyLimit refused) would otherwise have no limit at all and pile up.
 *
 * <p>The schema forbids negative limits, but a throw in the reconcile loop loops forever and a wrong guess deletes
 * what cannot be brought back, so a negative limit keeps all.
 *
 * <p>An instance holds a pipeline's finished runs in the order it prunes them, one set per kind, as they come and
 * go: the runs to delete are then the first ones of each set, read without looking at the runs kept. With 10,000
 * runs of one pipeline a prune costs the runs beyond the limits, not all of them.
 *
 * <p>Not thread-safe: its owner guards it.
 */
public final class HistoryPruner {
  /**
   * A finished run: {@code completionTime} dates it, or {@code creationTime} when it ended without one (a run
   * refused before it started). Runs whose phase is not finished are never deleted.
   */
  public record FinishedRun(String name, RunPhase phase, Instant completionTime, Instant creationTime) {
    Instant finishedAt() {
      return completionTime != null ? completionTime : creationTime;
    }

    boolean isFinished() {
      return phase != null && phase.isFinished();
    }
  }

  /** A run with no time at all sorts as the oldest: nothing newer can be pushed out because of it. */
  private static final Comparator<FinishedRun> OLDEST_FIRST = Comparator
      .comparing(FinishedRun::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(FinishedRun::name, Comparator.nullsFirst(Comparator.naturalOrder()));

  private final NavigableSet<FinishedRun> succeeded = new TreeSet<>(OLDEST_FIRST);
  private final NavigableSet<FinishedRun> failed = new TreeSet<>(OLDEST_FIRST);

  /** The names of the runs to delete among {@code runs}, oldest first. */
  public static List<String> runsToDelete(HistorySpec history, Collection<FinishedRun> runs) {
    HistoryPruner pruner = new HistoryPruner();
    runs.forEach(pruner::add);
    return pruner.runsBeyond(history, null);
  }

  /** Holds {@code run} until {@link #remove}; a run that has not finished is not held. Names are unique. */
  public void add(FinishedRun run) {
    if (run.isFinished()) {
      ofKind(run).add(run);
    }
  }

  /** Forgets {@code run}, as {@link #add} was given it. */
  public void remove(FinishedRun run) {
    if (run.isFinished()) {
      ofKind(run).remove(run);
    }
  }

  /**
   * The names of the held runs to delete, oldest first.
   *
   * @param spared a held run that stays whatever the limits and takes no place within them; null for none
   */
  public List<String> runsBeyond(HistorySpec history, FinishedRun spared) {
    if (history == null) {
      return List.of();
    }
    List<FinishedRun> doomed = new ArrayList<>();
    doomed.addAll(beyondLimit(history.getSucceeded(), succeeded, spared));
    doomed.addAll(beyondLimit(history.getFailed(), failed, spared));
    return doomed.stream().sorted(OLDEST_FIRST).map(FinishedRun::name).toList();
  }

  private NavigableSet<FinishedRun> ofKind(FinishedRun run) {
    return run.phase() == RunPhase.Succeeded ? succeeded : failed;
  }

  private static List<FinishedRun> beyondLimit(Integer keep, NavigableSet<FinishedRun> ofKind, FinishedRun spared) {
    if (keep == null || keep < 0) {
      return List.of();
    }
    boolean sparedHere = spared != null && ofKind.contains(spared);
    int excess = ofKind.size() - (sparedHere ? 1 : 0) - keep;
    List<FinishedRun> doomed = new ArrayList<>();
    Iterator<FinishedRun> oldestFirst = ofKind.iterator();
    while (doomed.size() < excess) {
      FinishedRun run = oldestFirst.next();
      if (!sparedHere || OLDEST_FIRST.compare(run, spared) != 0) {
        doomed.add(run);
      }
    }
    return doomed;
  }
}
