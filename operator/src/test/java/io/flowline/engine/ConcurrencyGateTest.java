package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ConcurrencyPolicy;
import io.flowline.api.ConcurrencySpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.Admission.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConcurrencyGateTest {
  private static final Instant T0 = Instant.parse("2025-08-22T02:00:00Z");
  private static final ConcurrencyRules QUEUE_ONE = new ConcurrencyRules(1, ConcurrencyPolicy.Queue);

  private static ContendingRun run(String name, RunPhase phase, int priority, long secondsAfterT0) {
    return new ContendingRun(name, phase, priority, T0.plusSeconds(secondsAfterT0));
  }

  private static ContendingRun fresh(String name, int priority, long secondsAfterT0) {
    return run(name, null, priority, secondsAfterT0);
  }

  private static ContendingRun running(String name, long secondsAfterT0) {
    return run(name, RunPhase.Running, 0, secondsAfterT0);
  }

  /** Decides for {@code name} as its own reconcile would: the run itself plus all the others. */
  private static Admission decide(ConcurrencyRules rules, String name, List<ContendingRun> runs) {
    ContendingRun self = runs.stream().filter(run -> run.name().equals(name)).findFirst().orElseThrow();
    List<ContendingRun> others = new ArrayList<>(runs);
    others.remove(self);
    return ConcurrencyGate.decide(rules, self, others);
  }

  @Test
  void limitOneWithThreeRunsCreatedAtOnceStartsOneAndQueuesTheOthersInPriorityOrder() {
    List<ContendingRun> runs = List.of(fresh("low", 0, 0), fresh("high", 5, 0), fresh("mid", 1, 0));

    assertThat(decide(QUEUE_ONE, "high", runs).verdict()).isEqualTo(Verdict.START);
    Admission mid = decide(QUEUE_ONE, "mid", runs);
    assertThat(mid.verdict()).isEqualTo(Verdict.QUEUE);
    assertThat(mid.queuePosition()).isEqualTo(1);
    assertThat(mid.message()).isEqualTo("waiting for a free slot (concurrency limit 1, policy Queue)");
    Admission low = decide(QUEUE_ONE, "low", runs);
    assertThat(low.verdict()).isEqualTo(Verdict.QUEUE);
    assertThat(low.queuePosition()).isEqualTo(2);
  }

  @Test
  void underReplaceAStartedRunOutnumberedByNewerOnesGivesWayAndTheNewestKeepsRunning() {
    ConcurrencyRules replaceOne = new ConcurrencyRules(1, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(running("old", 0), running("new", 10));

    assertThat(ConcurrencyGate.replacedBy(replaceOne, runs, "old"))
        .contains("replaced by newer run new (concurrency limit 1, policy Replace)");
    assertThat(ConcurrencyGate.replacedBy(replaceOne, runs, "new")).isEmpty();
    assertThat(ConcurrencyGate.replacedBy(QUEUE_ONE, runs, "old")).as("only Replace cancels a started run")
        .isEmpty();
    assertThat(ConcurrencyGate.replacedBy(replaceOne, List.of(running("old", 0), fresh("waiting", 0, 10)), "old"))
        .as("a newer run that has not started yet replaces too").isPresent();
  }

  @Test
  void aRunThatStartedButStillLooksPhaselessInTheCacheKeepsItsSlot() {
    List<ContendingRun> runs = List.of(fresh("high", 5, 0), fresh("mid", 1, 0));

    assertThat(decide(QUEUE_ONE, "mid", runs).verdict()).isEqualTo(Verdict.QUEUE);
  }

  @Test
  void equalPriorityQueuesTheOldestFirstThenByName() {
    List<ContendingRun> runs = List.of(running("busy", 0), fresh("newer", 0, 20), fresh("older", 0, 10),
        fresh("older-b", 0, 10));

    assertThat(ConcurrencyGate.queuePositions(QUEUE_ONE, runs))
        .containsExactly(Map.entry("older", 1), Map.entry("older-b", 2), Map.entry("newer", 3));
  }

  @Test
  void aLaterRunWithHigherPriorityGoesAheadOfOlderQueuedRuns() {
    List<ContendingRun> runs = List.of(running("busy", 0), run("waiting", RunPhase.Queued, 0, 10),
        fresh("urgent", 9, 30));

    assertThat(ConcurrencyGate.queuePositions(QUEUE_ONE, runs))
        .containsExactly(Map.entry("urgent", 1), Map.entry("waiting", 2));
  }

  @Test
  void whenASlotFreesTheFirstWaitingRunStartsAndTheNextStaysQueued() {
    List<ContendingRun> runs = List.of(run("done", RunPhase.Succeeded, 0, 0), run("first", RunPhase.Queued, 0, 10),
        run("second", RunPhase.Queued, 0, 20));

    assertThat(decide(QUEUE_ONE, "first", runs).verdict()).isEqualTo(Verdict.START);
    Admission second = decide(QUEUE_ONE, "second", runs);
    assertThat(second.verdict()).isEqualTo(Verdict.QUEUE);
    assertThat(second.queuePosition()).isEqualTo(1);
  }

  @Test
  void withSeveralFreeSlotsAsManyWaitingRunsStartInQueueOrder() {
    ConcurrencyRules limitThree = new ConcurrencyRules(3, ConcurrencyPolicy.Queue);
    List<ContendingRun> runs = List.of(running("busy", 0), fresh("a", 0, 10), fresh("b", 2, 10), fresh("c", 0, 5));

    Map<String, Admission> all = ConcurrencyGate.admitAll(limitThree, runs);

    assertThat(all.get("b").verdict()).isEqualTo(Verdict.START);
    assertThat(all.get("c").verdict()).isEqualTo(Verdict.START);
    assertThat(all.get("a").verdict()).isEqualTo(Verdict.QUEUE);
    assertThat(all.get("a").queuePosition()).isEqualTo(1);
  }

  @Test
  void pausedRunsHoldASlot() {
    List<ContendingRun> runs = List.of(run("paused", RunPhase.Paused, 0, 0), fresh("next", 0, 10));

    assertThat(decide(QUEUE_ONE, "next", runs).verdict()).isEqualTo(Verdict.QUEUE);
  }

  @Test
  void stoppingRunsHoldASlotBecauseTheirJobsStillRun() {
    List<ContendingRun> runs = List.of(run("stopping", RunPhase.Stopping, 0, 0), fresh("next", 0, 10));

    assertThat(decide(QUEUE_ONE, "next", runs).verdict()).isEqualTo(Verdict.QUEUE);
  }

  @Test
  void finishedRunsHoldNoSlot() {
    List<ContendingRun> runs = List.of(run("failed", RunPhase.Failed, 0, 0), run("cancelled", RunPhase.Cancelled, 0, 1),
        fresh("next", 0, 10));

    assertThat(decide(QUEUE_ONE, "next", runs).verdict()).isEqualTo(Verdict.START);
  }

  @Test
  void queuePositionsAreRecomputedWhenAQueuedRunLeaves() {
    List<ContendingRun> before = List.of(running("busy", 0), run("a", RunPhase.Queued, 0, 10),
        run("b", RunPhase.Queued, 0, 20), run("c", RunPhase.Queued, 0, 30));
    List<ContendingRun> after = List.of(running("busy", 0), run("a", RunPhase.Cancelled, 0, 10),
        run("b", RunPhase.Queued, 0, 20), run("c", RunPhase.Queued, 0, 30));

    assertThat(ConcurrencyGate.queuePositions(QUEUE_ONE, before))
        .containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("c", 3));
    assertThat(ConcurrencyGate.queuePositions(QUEUE_ONE, after))
        .containsExactly(Map.entry("b", 1), Map.entry("c", 2));
  }

  @Test
  void forbidRefusesARunAtTheLimitWithAMessageNamingTheLimit() {
    ConcurrencyRules forbid = new ConcurrencyRules(1, ConcurrencyPolicy.Forbid);
    List<ContendingRun> runs = List.of(running("busy", 0), fresh("late", 0, 10));

    Admission late = decide(forbid, "late", runs);

    assertThat(late.verdict()).isEqualTo(Verdict.FORBID);
    assertThat(late.message()).isEqualTo("concurrency limit 1 reached (policy Forbid); active: busy");
    assertThat(Admission.REASON).isEqualTo("ConcurrencyLimit");
    assertThat(ConcurrencyGate.queuePositions(forbid, runs)).isEmpty();
  }

  @Test
  void forbidStartsRunsWhileSlotsAreFreeAndRefusesOnlyTheExcess() {
    ConcurrencyRules forbid = new ConcurrencyRules(2, ConcurrencyPolicy.Forbid);
    List<ContendingRun> runs = List.of(running("busy", 0), fresh("a", 0, 10), fresh("b", 0, 10));

    assertThat(decide(forbid, "a", runs).verdict()).isEqualTo(Verdict.START);
    Admission b = decide(forbid, "b", runs);
    assertThat(b.verdict()).isEqualTo(Verdict.FORBID);
    assertThat(b.message()).isEqualTo("concurrency limit 2 reached (policy Forbid); active: busy, a");
  }

  @Test
  void replaceStartsTheNewRunAndNamesTheOldestActiveRunToCancel() {
    ConcurrencyRules replace = new ConcurrencyRules(2, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(running("newer", 20), run("oldest", RunPhase.Paused, 0, 10),
        fresh("new", 0, 30));

    Admission admission = decide(replace, "new", runs);

    assertThat(admission.verdict()).isEqualTo(Verdict.REPLACE);
    assertThat(admission.starts()).isTrue();
    assertThat(admission.runsToCancel()).containsExactly("oldest");
    assertThat(admission.message()).isEqualTo("replaces oldest (concurrency limit 2, policy Replace)");
    assertThat(ConcurrencyGate.replacedMessage(replace, "new"))
        .isEqualTo("replaced by newer run new (concurrency limit 2, policy Replace)");
  }

  @Test
  void replaceIgnoresPriority() {
    ConcurrencyRules replace = new ConcurrencyRules(1, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(run("important", RunPhase.Running, 100, 0), fresh("new", 0, 10));

    assertThat(decide(replace, "new", runs).runsToCancel()).containsExactly("important");
  }

  @Test
  void replaceWithRunsCreatedAtOnceStartsOnlyTheNewestAndRefusesTheOthersBeforeTheyStart() {
    ConcurrencyRules replace = new ConcurrencyRules(1, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(running("old", 0), fresh("run-b", 9, 10), fresh("run-c", 0, 10),
        fresh("run-a", 0, 10));

    Map<String, Admission> all = ConcurrencyGate.admitAll(replace, runs);

    assertThat(all.get("run-c").verdict()).isEqualTo(Verdict.REPLACE);
    assertThat(all.get("run-c").runsToCancel()).containsExactly("old");
    assertThat(all.get("run-a").verdict()).isEqualTo(Verdict.FORBID);
    assertThat(all.get("run-a").message()).isEqualTo("replaced by newer run run-c (concurrency limit 1, policy Replace)");
    assertThat(all.get("run-b").verdict()).isEqualTo(Verdict.FORBID);
    assertThat(decide(replace, "run-b", runs).verdict()).isEqualTo(Verdict.FORBID);
  }

  @Test
  void replaceNeitherCountsNorCancelsAgainARunAlreadyStopping() {
    ConcurrencyRules replace = new ConcurrencyRules(1, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(run("leaving", RunPhase.Stopping, 0, 0), running("current", 10),
        fresh("new", 0, 20));

    assertThat(decide(replace, "new", runs).runsToCancel()).containsExactly("current");
    assertThat(decide(replace, "new", List.of(runs.get(0), runs.get(2))).verdict()).isEqualTo(Verdict.START);
  }

  @Test
  void replaceBelowTheLimitJustStarts() {
    ConcurrencyRules replace = new ConcurrencyRules(2, ConcurrencyPolicy.Replace);
    List<ContendingRun> runs = List.of(running("current", 0), fresh("new", 0, 10));

    Admission admission = decide(replace, "new", runs);

    assertThat(admission.verdict()).isEqualTo(Verdict.START);
    assertThat(admission.runsToCancel()).isEmpty();
  }

  @Test
  void unlimitedAlwaysStarts() {
    List<ContendingRun> runs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      runs.add(running("busy-" + i, i));
    }
    runs.add(fresh("new", 0, 100));

    for (ConcurrencyPolicy policy : ConcurrencyPolicy.values()) {
      assertThat(decide(new ConcurrencyRules(0, policy), "new", runs).verdict()).isEqualTo(Verdict.START);
    }
    assertThat(decide(ConcurrencyRules.of(null), "new", runs).verdict()).isEqualTo(Verdict.START);
    assertThat(decide(ConcurrencyRules.of(new ConcurrencySpec()), "new", runs).verdict()).isEqualTo(Verdict.START);
  }

  @Test
  void rulesDefaultToQueueAndReadANegativeLimitAsUnlimited() {
    ConcurrencySpec spec = new ConcurrencySpec();
    spec.setLimit(2);

    assertThat(ConcurrencyRules.of(spec)).isEqualTo(new ConcurrencyRules(2, ConcurrencyPolicy.Queue));
    assertThat(new ConcurrencyRules(-1, ConcurrencyPolicy.Forbid).isUnlimited()).isTrue();
  }

  @Test
  void theDecidedRunCountsAsWaitingAndReplacesAStaleEntryOfItself() {
    List<ContendingRun> others = List.of(running("busy", 0), running("me", 10));

    Admission admission = ConcurrencyGate.decide(QUEUE_ONE, fresh("me", 0, 10), others);

    assertThat(admission.verdict()).isEqualTo(Verdict.QUEUE);
    assertThat(admission.queuePosition()).isEqualTo(1);
  }

  @Test
  void nullPriorityCountsAsZeroAndNullCreationTimeAsOldest() {
    List<ContendingRun> runs = List.of(running("busy", 0), new ContendingRun("plain", null, null, T0),
        new ContendingRun("undated", null, 0, null), fresh("negative", -1, -100));

    assertThat(ConcurrencyGate.queuePositions(QUEUE_ONE, runs))
        .containsExactly(Map.entry("undated", 1), Map.entry("plain", 2), Map.entry("negative", 3));
  }
}
