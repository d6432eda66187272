package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.HistorySpec;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PipelineRunIndexTest {
  private static final Instant T0 = Instant.parse("2025-08-22T02:00:00Z");

  private final PipelineRunIndex index = new PipelineRunIndex("etl");

  private static HistorySpec keep(Integer succeeded, Integer failed) {
    HistorySpec history = new HistorySpec();
    history.setSucceeded(succeeded);
    history.setFailed(failed);
    return history;
  }

  private static RunRecord run(String name, RunPhase phase, long createdSecond, Long completedSecond) {
    return new RunRecord(name, phase, phase == RunPhase.Running, at(createdSecond), null,
        completedSecond == null ? null : at(completedSecond));
  }

  private static String at(long second) {
    return Timestamps.format(T0.plusSeconds(second));
  }

  @Test
  void followsARunFromQueuedToSucceeded() {
    index.put(run("etl-a", RunPhase.Queued, 0, null));
    assertThat(index.view(null).countIn(RunPhase.Queued)).isEqualTo(1);

    index.put(run("etl-a", RunPhase.Running, 0, null));
    PipelineRunsView running = index.view(null);
    assertThat(running.countIn(RunPhase.Queued)).isZero();
    assertThat(running.countIn(RunPhase.Running, RunPhase.Paused)).isEqualTo(1);
    assertThat(running.stateInputs()).containsExactly(new PipelineStateResolver.RunView(RunPhase.Running, true));

    index.put(run("etl-a", RunPhase.Succeeded, 0, 60L));
    PipelineRunsView done = index.view(keep(0, 0));
    assertThat(done.active()).isEmpty();
    assertThat(done.newest()).map(RunRecord::phase).hasValue(RunPhase.Succeeded);
    assertThat(done.beyondHistory()).containsExactly("etl-a");
  }

  @Test
  void aDeletedRunIsGoneAndCanComeBack() {
    index.put(run("etl-a", RunPhase.Failed, 0, 10L));
    index.remove("etl-a");
    assertThat(index.isEmpty()).isTrue();
    assertThat(index.view(keep(0, 0))).isEqualTo(PipelineRunsView.none());

    index.put(run("etl-a", RunPhase.Pending, 5, null));
    assertThat(index.view(keep(0, 0)).beyondHistory()).isEmpty();
    assertThat(index.view(null).countIn(RunPhase.Pending)).isEqualTo(1);
  }

  @Test
  void removingARunItDoesNotHoldChangesNothing() {
    index.put(run("etl-a", RunPhase.Running, 0, null));
    index.remove("etl-b");

    assertThat(index.view(null).active()).extracting(RunRecord::name).containsExactly("etl-a");
  }

  @Test
  void theNewestRunIsTheLastCreatedThenTheLastByName() {
    index.put(run("etl-b", RunPhase.Succeeded, 10, 20L));
    index.put(run("etl-a", RunPhase.Running, 10, null));
    index.put(run("etl-z", RunPhase.Queued, 5, null));

    assertThat(index.view(null).newest()).map(RunRecord::name).hasValue("etl-b");

    index.remove("etl-b");
    assertThat(index.view(null).newest()).map(RunRecord::name).hasValue("etl-a");
  }

  @Test
  void autoDecidesFromTheActiveAutoRunsAndTheNewestFinishedOne() {
    index.put(run("etl-auto-1", RunPhase.Succeeded, 0, 10L));
    index.put(run("etl-auto-2", RunPhase.Failed, 20, 30L));
    index.put(run("other-auto-9", RunPhase.Succeeded, 40, 50L));
    assertThat(index.view(null).autoRuns()).containsExactly(AutoRun.finished(2, T0.plusSeconds(30)));

    index.put(run("etl-auto-3", RunPhase.Running, 40, null));
    assertThat(index.view(null).autoRuns()).containsExactly(AutoRun.active(3));
  }

  @Test
  void aFinishedAutoRunWithoutCompletionTimeEndedAtItsCreation() {
    index.put(run("etl-auto-4", RunPhase.Cancelled, 7, null));

    assertThat(index.view(null).autoRuns()).containsExactly(AutoRun.finished(4, T0.plusSeconds(7)));
  }

  @Test
  void historyNeverDeletesTheNewestAutoRunNorCountsIt() {
    index.put(run("etl-auto-1", RunPhase.Succeeded, 0, 10L));
    index.put(run("etl-auto-2", RunPhase.Succeeded, 20, 30L));
    index.put(run("etl-manual", RunPhase.Succeeded, 25, 26L));

    assertThat(index.view(keep(1, 1)).beyondHistory()).containsExactly("etl-auto-1");
    assertThat(index.view(keep(0, 0)).beyondHistory()).containsExactly("etl-auto-1", "etl-manual");

    index.put(run("etl-auto-3", RunPhase.Running, 40, null));
    assertThat(index.view(keep(0, 0)).beyondHistory()).containsExactly("etl-auto-1", "etl-manual", "etl-auto-2");
  }

  @Test
  void withTenThousandFinishedRunsAReconcileReadsTheActiveOnesAndTheExcess() {
    IntStream.range(0, 10_000).forEach(i -> index.put(run("etl-" + i, i % 2 == 0 ? RunPhase.Succeeded
        : RunPhase.Failed, i, i + 1L)));
    index.put(run("etl-queued", RunPhase.Queued, 20_000, null));
    index.put(run("etl-running", RunPhase.Running, 20_001, null));
    index.put(run("etl-paused", RunPhase.Paused, 20_002, null));

    PipelineRunsView view = index.view(keep(5, 5));

    assertThat(view.active()).hasSize(3);
    assertThat(view.countIn(RunPhase.Running, RunPhase.Paused)).isEqualTo(2);
    assertThat(view.countIn(RunPhase.Queued)).isEqualTo(1);
    assertThat(view.newest()).map(RunRecord::name).hasValue("etl-paused");
    assertThat(view.beyondHistory()).hasSize(10_000 - 10)
        .containsExactlyElementsOf(IntStream.range(0, 10_000 - 10).mapToObj(i -> "etl-" + i).toList());
  }
}
