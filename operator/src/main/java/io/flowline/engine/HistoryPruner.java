package io.flowline.engine;

import io.flowline.api.HistorySpec;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

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
  }

  /** A run with no time at all sorts as the oldest: nothing newer can be pushed out because of it. */
  private static final Comparator<FinishedRun> OLDEST_FIRST = Comparator
      .comparing(FinishedRun::finishedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(FinishedRun::name, Comparator.nullsFirst(Comparator.naturalOrder()));

  private HistoryPruner() {
  }

  /** The names of the runs to delete, oldest first. */
  public static List<String> runsToDelete(HistorySpec history, Collection<FinishedRun> runs) {
    if (history == null) {
      return List.of();
    }
    List<FinishedRun> doomed = new ArrayList<>();
    doomed.addAll(beyondLimit(history.getSucceeded(), runs, true));
    doomed.addAll(beyondLimit(history.getFailed(), runs, false));
    return doomed.stream().sorted(OLDEST_FIRST).map(FinishedRun::name).collect(Collectors.toList());
  }

  private static List<FinishedRun> beyondLimit(Integer keep, Collection<FinishedRun> runs, boolean succeeded) {
    if (keep == null || keep < 0) {
      return List.of();
    }
    List<FinishedRun> ofKind = runs.stream()
        .filter(run -> run.phase() != null && run.phase().isFinished())
        .filter(run -> (run.phase() == RunPhase.Succeeded) == succeeded)
        .sorted(OLDEST_FIRST)
        .collect(Collectors.toList());
    return ofKind.subList(0, Math.max(0, ofKind.size() - keep));
  }
}
