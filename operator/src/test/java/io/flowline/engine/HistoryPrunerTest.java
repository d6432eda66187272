package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.HistorySpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.HistoryPruner.FinishedRun;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPrunerTest {
  private static final Instant T0 = Instant.parse("2025-08-22T02:00:00Z");

  private static HistorySpec keep(Integer succeeded, Integer failed) {
    HistorySpec history = new HistorySpec();
    history.setSucceeded(succeeded);
    history.setFailed(failed);
    return history;
  }

  private static FinishedRun ended(String name, RunPhase phase, long minutesAfterT0) {
    return new FinishedRun(name, phase, T0.plusSeconds(60 * minutesAfterT0), T0);
  }

  private static final List<FinishedRun> RUNS = List.of(
      ended("ok-3", RunPhase.Succeeded, 30),
      ended("ok-1", RunPhase.Succeeded, 10),
      ended("bad-2", RunPhase.Failed, 25),
      ended("ok-2", RunPhase.Succeeded, 20),
      ended("bad-1", RunPhase.Failed, 5),
      ended("cancelled", RunPhase.Cancelled, 15));

  @Test
  void keepsExactlyTheNewestNOfEachKindAndDeletesTheRestOldestFirst() {
    assertThat(HistoryPruner.runsToDelete(keep(1, 2), RUNS)).containsExactly("bad-1", "ok-1", "ok-2");
  }

  @Test
  void countsCancelledRunsAsFailed() {
    assertThat(HistoryPruner.runsToDelete(keep(null, 1), RUNS)).containsExactly("bad-1", "cancelled");
  }

  @Test
  void nullKeepsAll() {
    assertThat(HistoryPruner.runsToDelete(keep(null, null), RUNS)).isEmpty();
    assertThat(HistoryPruner.runsToDelete(null, RUNS)).isEmpty();
  }

  @Test
  void zeroKeepsNone() {
    assertThat(HistoryPruner.runsToDelete(keep(0, 0), RUNS))
        .containsExactly("bad-1", "ok-1", "cancelled", "ok-2", "bad-2", "ok-3");
    assertThat(HistoryPruner.runsToDelete(keep(0, null), RUNS)).containsExactly("ok-1", "ok-2", "ok-3");
  }

  @Test
  void neverDeletesARunThatHasNotFinished() {
    List<FinishedRun> runs = List.of(ended("running", RunPhase.Running, 1), ended("queued", RunPhase.Queued, 2),
        ended("new", null, 3), ended("stopping", RunPhase.Stopping, 4));

    assertThat(HistoryPruner.runsToDelete(keep(0, 0), runs)).isEmpty();
  }

  @Test
  void datesARunWithoutCompletionTimeByItsCreation() {
    List<FinishedRun> runs = List.of(
        new FinishedRun("refused-late", RunPhase.Cancelled, null, T0.plusSeconds(600)),
        ended("failed-early", RunPhase.Failed, 5),
        new FinishedRun("undated", RunPhase.Failed, null, null));

    assertThat(HistoryPruner.runsToDelete(keep(null, 1), runs)).containsExactly("undated", "failed-early");
  }

  @Test
  void aNegativeLimitKeepsAll() {
    assertThat(HistoryPruner.runsToDelete(keep(-1, -5), RUNS)).isEmpty();
  }

  @Test
  void heldRunsArePrunedLikeAList() {
    HistoryPruner pruner = new HistoryPruner();
    RUNS.forEach(pruner::add);

    assertThat(pruner.runsBeyond(keep(1, 2), null)).containsExactly("bad-1", "ok-1", "ok-2");
  }

  @Test
  void aRemovedRunNoLongerCounts() {
    HistoryPruner pruner = new HistoryPruner();
    RUNS.forEach(pruner::add);
    pruner.remove(RUNS.get(1));
    pruner.remove(RUNS.get(4));

    assertThat(pruner.runsBeyond(keep(1, 2), null)).containsExactly("ok-2");
  }

  @Test
  void aSparedRunStaysAndTakesNoPlaceWithinTheLimit() {
    HistoryPruner pruner = new HistoryPruner();
    RUNS.forEach(pruner::add);
    FinishedRun oldestSucceeded = RUNS.get(1);

    assertThat(pruner.runsBeyond(keep(1, null), oldestSucceeded)).containsExactly("ok-2");
    assertThat(pruner.runsBeyond(keep(0, 0), oldestSucceeded))
        .containsExactly("bad-1", "cancelled", "ok-2", "bad-2", "ok-3");
  }

  @Test
  void aSparedRunThatIsNotHeldChangesNothing() {
    HistoryPruner pruner = new HistoryPruner();
    RUNS.forEach(pruner::add);

    assertThat(pruner.runsBeyond(keep(1, 2), ended("elsewhere", RunPhase.Succeeded, 1)))
        .containsExactly("bad-1", "ok-1", "ok-2");
  }

  @Test
  void holdsNoRunThatHasNotFinished() {
    HistoryPruner pruner = new HistoryPruner();
    pruner.add(ended("running", RunPhase.Running, 1));
    pruner.add(new FinishedRun("new", null, null, T0));

    assertThat(pruner.runsBeyond(keep(0, 0), null)).isEmpty();
  }
}
