package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.Activation;
import io.flowline.api.HistorySpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.AutoActivation;
import io.flowline.engine.AutoRun;
import io.flowline.engine.HistoryPruner;
import io.flowline.engine.PipelineRunsView;
import io.flowline.engine.PipelineStateResolver;
import io.flowline.engine.PipelineStateResolver.RunView;
import io.flowline.engine.RunNames;
import io.flowline.engine.RunRecord;
import io.flowline.engine.Timestamps;
import io.flowline.kube.CacheTrimming;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunLedgerTest {
  private static final Instant T0 = Instant.parse("2025-08-22T02:00:00Z");

  private final RunLedger ledger = new RunLedger(CacheTrimming.store(CacheTrimming::runSummary));

  @Test
  void followsARunFromQueuedThroughRunningToSucceeded() {
    put(run("ns", "etl-1", "etl", RunPhase.Queued, 0, null));
    assertThat(ledger.view(pipeline("ns", "etl", null)).countIn(RunPhase.Queued)).isEqualTo(1);

    put(run("ns", "etl-1", "etl", RunPhase.Running, 0, null));
    PipelineRunsView running = ledger.view(pipeline("ns", "etl", null));
    assertThat(running.countIn(RunPhase.Queued)).isZero();
    assertThat(running.countIn(RunPhase.Running, RunPhase.Paused)).isEqualTo(1);

    put(run("ns", "etl-1", "etl", RunPhase.Succeeded, 0, 30L));
    PipelineRunsView done = ledger.view(pipeline("ns", "etl", history(0, 0)));
    assertThat(done.active()).isEmpty();
    assertThat(done.newest()).map(RunRecord::completionTime).hasValue(at(30));
    assertThat(done.beyondHistory()).containsExactly("etl-1");
  }

  @Test
  void aDeletedRunLeavesItsPipelineAndMayComeBack() {
    PipelineRun run = run("ns", "etl-1", "etl", RunPhase.Failed, 0, 5L);
    put(run);
    assertThat(ledger.remove(ledger.getKey(run))).isNotNull();
    assertThat(ledger.view(pipeline("ns", "etl", history(0, 0)))).isEqualTo(PipelineRunsView.none());

    put(run("ns", "etl-1", "etl", RunPhase.Pending, 10, null));
    assertThat(ledger.view(pipeline("ns", "etl", history(0, 0))).active()).extracting(RunRecord::name)
        .containsExactly("etl-1");
  }

  @Test
  void aRunWhosePipelineRefChangesMovesToTheOtherPipeline() {
    put(run("ns", "shared-1", "etl", RunPhase.Running, 0, null));
    put(run("ns", "shared-1", "report", RunPhase.Running, 0, null));

    assertThat(ledger.view(pipeline("ns", "etl", null))).isEqualTo(PipelineRunsView.none());
    assertThat(ledger.view(pipeline("ns", "report", null)).active()).extracting(RunRecord::name)
        .containsExactly("shared-1");
  }

  @Test
  void runsBelongToTheirPipelineInTheirNamespaceAndInlineRunsToNone() {
    put(run("a", "etl-1", "etl", RunPhase.Running, 0, null));
    put(run("b", "etl-2", "etl", RunPhase.Queued, 0, null));
    put(run("a", "inline-1", null, RunPhase.Running, 0, null));

    assertThat(ledger.view(pipeline("a", "etl", null)).active()).extracting(RunRecord::name)
        .containsExactly("etl-1");
    assertThat(ledger.view(pipeline("b", "etl", null)).active()).extracting(RunRecord::name)
        .containsExactly("etl-2");
    assertThat(ledger.size()).isEqualTo(3);
    assertThat(ledger.get("a/inline-1")).isNotNull();
  }

  @Test
  void storesTheRunsAsTheStoreItDecoratesDoes() {
    PipelineRun run = run("ns", "etl-1", "etl", RunPhase.Running, 0, null);
    run.getMetadata().getLabels().put("team", "data");
    put(run);

    assertThat(ledger.keySet()).containsExactly("ns/etl-1");
    assertThat(ledger.values()).singleElement().satisfies(stored ->
        assertThat(stored.getMetadata().getLabels()).as("trimmed by runSummary").isEmpty());
    assertThat(ledger.isFullState()).isFalse();
    assertThat(ledger.remove("ns/unknown")).isNull();
  }

  /**
   * Random puts, updates, pipelineRef changes and deletes; after each, every pipeline's view must say what the full
   * scan of the stored runs the reconciler did before the ledger says.
   */
  @Test
  void everyViewMatchesAFullScanOfTheStoredRuns() {
    Random random = new Random(20250822);
    List<String[]> pipelines = List.of(new String[] {"a", "etl"}, new String[] {"a", "other"},
        new String[] {"b", "etl"});
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= 40; i++) {
      names.add(RunNames.auto("etl", i));
      names.add(RunNames.auto("other", i));
    }
    for (int i = 0; i < 220; i++) {
      names.add("run-" + i);
    }
    for (int step = 0; step < 3000; step++) {
      String namespace = random.nextBoolean() ? "a" : "b";
      String name = names.get(random.nextInt(names.size()));
      if (random.nextInt(6) == 0) {
        ledger.remove(namespace + "/" + name);
      } else {
        put(randomRun(random, namespace, name));
      }
      if (step % 10 == 0) {
        for (String[] pipeline : pipelines) {
          HistorySpec history = random.nextInt(5) == 0 ? null
              : history(randomLimit(random), randomLimit(random));
          assertMatchesFullScan(pipeline(pipeline[0], pipeline[1], history));
        }
      }
    }
  }

  private void assertMatchesFullScan(Pipeline pipeline) {
    String name = pipeline.getMetadata().getName();
    List<PipelineRun> runs = ledger.values()
        .filter(run -> run.getMetadata().getNamespace().equals(pipeline.getMetadata().getNamespace()))
        .filter(run -> PipelineRefs.nameOf(run).filter(name::equals).isPresent())
        .sorted(FullScan.NEWEST_FIRST)
        .toList();
    PipelineRunsView view = ledger.view(pipeline);

    assertThat(view.countIn(RunPhase.Running, RunPhase.Paused))
        .isEqualTo(FullScan.count(runs, RunPhase.Running, RunPhase.Paused));
    assertThat(view.countIn(RunPhase.Queued)).isEqualTo(FullScan.count(runs, RunPhase.Queued));
    assertThat(view.newest().map(RunRecord::name))
        .isEqualTo(runs.stream().findFirst().map(run -> run.getMetadata().getName()));
    assertThat(view.newest()).isEqualTo(runs.stream().findFirst().map(RunLedger::record));
    for (boolean sleeping : new boolean[] {false, true}) {
      assertThat(PipelineStateResolver.resolve(true, view.stateInputs(), sleeping))
          .isEqualTo(PipelineStateResolver.resolve(true, FullScan.runViews(runs), sleeping));
    }
    List<AutoRun> allAutoRuns = FullScan.autoRuns(name, runs);
    for (long seconds : new long[] {0, 600, 3600, 7200}) {
      Instant now = T0.plusSeconds(seconds);
      assertThat(AutoActivation.plan(Activation.Auto, false, "10m", true, view.autoRuns(), now))
          .isEqualTo(AutoActivation.plan(Activation.Auto, false, "10m", true, allAutoRuns, now));
    }
    assertThat(view.beyondHistory()).isEqualTo(FullScan.prune(pipeline, runs));
  }

  /** What PipelineReconciler, PipelineTriggers and RunHistory computed from all of a pipeline's runs. */
  private static final class FullScan {
    static final Comparator<PipelineRun> NEWEST_FIRST = Comparator
        .comparing((PipelineRun run) -> String.valueOf(run.getMetadata().getCreationTimestamp()))
        .thenComparing(run -> run.getMetadata().getName())
        .reversed();

    static long count(List<PipelineRun> runs, RunPhase... phases) {
      return runs.stream().filter(run -> run.getStatus() != null && Arrays.asList(phases).contains(run.getStatus()
          .getPhase())).count();
    }

    static List<RunView> runViews(List<PipelineRun> runs) {
      return runs.stream().map(run -> new RunView(run.getStatus() == null ? null : run.getStatus().getPhase(),
          run.getStatus() != null && !run.getStatus().getNodes().isEmpty())).toList();
    }

    static List<AutoRun> autoRuns(String pipeline, List<PipelineRun> runs) {
      List<AutoRun> auto = new ArrayList<>();
      for (PipelineRun run : runs) {
        OptionalLong cycle = RunNames.autoCycleOf(pipeline, run.getMetadata().getName());
        if (cycle.isEmpty()) {
          continue;
        }
        boolean finished = run.getStatus() != null && run.getStatus().getPhase() != null
            && run.getStatus().getPhase().isFinished();
        if (!finished) {
          auto.add(AutoRun.active(cycle.getAsLong()));
        } else {
          Instant ended = Timestamps.parse(run.getStatus().getCompletionTime());
          auto.add(AutoRun.finished(cycle.getAsLong(), ended != null ? ended
              : Timestamps.parse(run.getMetadata().getCreationTimestamp())));
        }
      }
      return auto;
    }

    static List<String> prune(Pipeline pipeline, List<PipelineRun> runs) {
      String newestAuto = null;
      long newestCycle = 0;
      for (PipelineRun run : runs) {
        OptionalLong cycle = RunNames.autoCycleOf(pipeline.getMetadata().getName(), run.getMetadata().getName());
        if (cycle.isPresent() && cycle.getAsLong() > newestCycle) {
          newestCycle = cycle.getAsLong();
          newestAuto = run.getMetadata().getName();
        }
      }
      String spared = newestAuto;
      return HistoryPruner.runsToDelete(pipeline.getSpec().getHistory(), runs.stream()
          .filter(run -> !run.getMetadata().getName().equals(spared))
          .map(run -> new HistoryPruner.FinishedRun(run.getMetadata().getName(),
              run.getStatus() == null ? null : run.getStatus().getPhase(),
              run.getStatus() == null ? null : Timestamps.parse(run.getStatus().getCompletionTime()),
              Timestamps.parse(run.getMetadata().getCreationTimestamp())))
          .toList());
    }
  }

  private static PipelineRun randomRun(Random random, String namespace, String name) {
    String[] refs = {"etl", "etl", "other", null};
    RunPhase[] phases = RunPhase.values();
    RunPhase phase = random.nextInt(10) == 0 ? null : phases[random.nextInt(phases.length)];
    long created = random.nextInt(40) * 60L;
    Long completed = phase != null && phase.isFinished() && random.nextInt(5) > 0
        ? created + random.nextInt(30) * 60L : null;
    PipelineRun run = run(namespace, name, refs[random.nextInt(refs.length)], phase, created, completed);
    if (random.nextInt(8) == 0) {
      run.setStatus(null);
    } else if (random.nextBoolean()) {
      NodeStatus node = new NodeStatus();
      node.setName("work");
      run.getStatus().getNodes().add(node);
    }
    return run;
  }

  private static Integer randomLimit(Random random) {
    Integer[] limits = {null, -1, 0, 1, 2, 5};
    return limits[random.nextInt(limits.length)];
  }

  private void put(PipelineRun run) {
    ledger.put(ledger.getKey(run), run);
  }

  private static PipelineRun run(String namespace, String name, String pipeline, RunPhase phase, long createdSecond,
      Long completedSecond) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setNamespace(namespace);
    run.getMetadata().setName(name);
    run.getMetadata().setCreationTimestamp(at(createdSecond));
    run.getMetadata().setLabels(new HashMap<>());
    PipelineRunSpec spec = new PipelineRunSpec();
    if (pipeline != null) {
      PipelineRef ref = new PipelineRef();
      ref.setName(pipeline);
      spec.setPipelineRef(ref);
    } else {
      spec.setPipelineSpec(new PipelineSpec());
    }
    run.setSpec(spec);
    PipelineRunStatus status = new PipelineRunStatus();
    status.setPhase(phase);
    status.setStartTime(phase == RunPhase.Running ? at(createdSecond + 1) : null);
    status.setCompletionTime(completedSecond == null ? null : at(completedSecond));
    run.setStatus(status);
    return run;
  }

  private static Pipeline pipeline(String namespace, String name, HistorySpec history) {
    Pipeline pipeline = new Pipeline();
    pipeline.getMetadata().setNamespace(namespace);
    pipeline.getMetadata().setName(name);
    PipelineSpec spec = new PipelineSpec();
    spec.setHistory(history);
    pipeline.setSpec(spec);
    return pipeline;
  }

  private static HistorySpec history(Integer succeeded, Integer failed) {
    HistorySpec history = new HistorySpec();
    history.setSucceeded(succeeded);
    history.setFailed(failed);
    return history;
  }

  private static String at(long second) {
    return Timestamps.format(T0.plusSeconds(second));
  }
}
