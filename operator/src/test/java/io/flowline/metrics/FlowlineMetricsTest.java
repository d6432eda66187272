package io.flowline.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.RunPhase;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FlowlineMetricsTest {
  private static final Instant START = Instant.parse("2025-08-22T02:00:00Z");
  private static final RunPhaseTimes PENDING = new RunPhaseTimes(RunPhase.Pending, null, null);
  private static final RunPhaseTimes RUNNING = new RunPhaseTimes(RunPhase.Running, START, null);
  private static final RunPhaseTimes SUCCEEDED =
      new RunPhaseTimes(RunPhase.Succeeded, START, START.plus(Duration.ofMinutes(3)));

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final FlowlineMetrics metrics = new FlowlineMetrics(registry);

  @Test
  void aRunThatStartsIsCountedStartedPerNamespaceAndPipeline() {
    metrics.runWritten("team-a", "etl", PENDING, RUNNING);

    assertThat(registry.get("flowline.runs.started").tag("namespace", "team-a").tag("pipeline", "etl").counter()
        .count()).isEqualTo(1);
    assertThat(registry.find("flowline.runs.finished").counters()).isEmpty();
  }

  @Test
  void aRunThatEndsIsCountedFinishedByPhaseWithItsDuration() {
    metrics.runWritten("team-a", "etl", RUNNING, SUCCEEDED);

    assertThat(registry.get("flowline.runs.finished").tags("namespace", "team-a", "pipeline", "etl",
        "phase", "Succeeded").counter().count()).isEqualTo(1);
    Timer duration = registry.get("flowline.run.duration").tags("namespace", "team-a", "pipeline", "etl",
        "phase", "Succeeded").timer();
    assertThat(duration.count()).isEqualTo(1);
    assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(180);
    assertThat(registry.find("flowline.runs.started").counters()).as("it started before").isEmpty();
  }

  @Test
  void aRunThatStartsAndEndsInOneWriteCountsBoth() {
    metrics.runWritten("team-a", "etl", RunPhaseTimes.NONE, SUCCEEDED);

    assertThat(registry.get("flowline.runs.started").counter().count()).isEqualTo(1);
    assertThat(registry.get("flowline.runs.finished").tag("phase", "Succeeded").counter().count()).isEqualTo(1);
  }

  @Test
  void aRunThatFailsBeforeStartingIsFinishedWithoutDuration() {
    metrics.runWritten("team-a", "inline", PENDING, new RunPhaseTimes(RunPhase.Failed, null, START));

    assertThat(registry.get("flowline.runs.finished").tag("phase", "Failed").counter().count()).isEqualTo(1);
    assertThat(registry.find("flowline.runs.started").counters()).isEmpty();
    assertThat(registry.find("flowline.run.duration").timers()).isEmpty();
  }

  @Test
  void writingTheSameStateAgainCountsNothing() {
    metrics.runWritten("team-a", "etl", PENDING, RUNNING);
    metrics.runWritten("team-a", "etl", RUNNING, RUNNING);
    metrics.runWritten("team-a", "etl", RUNNING, SUCCEEDED);
    metrics.runWritten("team-a", "etl", SUCCEEDED, SUCCEEDED);

    assertThat(registry.get("flowline.runs.started").counter().count()).isEqualTo(1);
    assertThat(registry.get("flowline.runs.finished").counter().count()).isEqualTo(1);
    assertThat(registry.get("flowline.run.duration").timer().count()).isEqualTo(1);
  }

  @Test
  void anEndedRunGoingBackToRunningOnRetryIsNotStartedAgain() {
    RunPhaseTimes failed = new RunPhaseTimes(RunPhase.Failed, START, START.plusSeconds(60));
    RunPhaseTimes retried = new RunPhaseTimes(RunPhase.Running, START, null);

    metrics.runWritten("team-a", "etl", failed, retried);

    assertThat(registry.find("flowline.runs.started").counters()).isEmpty();
  }

  @Test
  void nodeDurationsAreTaggedByTerminalPhase() {
    metrics.nodeEnded("team-a", "etl", NodePhase.Succeeded, Duration.ofSeconds(42));
    metrics.nodeEnded("team-a", "etl", NodePhase.Failed, Duration.ofSeconds(7));

    Timer succeeded = registry.get("flowline.node.duration").tags("namespace", "team-a", "pipeline", "etl",
        "phase", "Succeeded").timer();
    assertThat(succeeded.count()).isEqualTo(1);
    assertThat(succeeded.totalTime(TimeUnit.SECONDS)).isEqualTo(42);
    assertThat(registry.get("flowline.node.duration").tag("phase", "Failed").timer().count()).isEqualTo(1);
  }

  @Test
  void prometheusGetsBoundedHistogramBucketsAndConventionalNames() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    FlowlineMetrics onPrometheus = new FlowlineMetrics(prometheus);
    onPrometheus.runWritten("team-a", "etl", PENDING, RUNNING);
    onPrometheus.runWritten("team-a", "etl", RUNNING, SUCCEEDED);
    onPrometheus.nodeEnded("team-a", "etl", NodePhase.Succeeded, Duration.ofSeconds(42));

    String scrape = prometheus.scrape();

    assertThat(scrape)
        .contains("flowline_runs_started_total{namespace=\"team-a\",pipeline=\"etl\"} 1.0")
        .contains("flowline_runs_finished_total{namespace=\"team-a\",phase=\"Succeeded\",pipeline=\"etl\"} 1.0")
        .contains("flowline_run_duration_seconds_count{namespace=\"team-a\",phase=\"Succeeded\",pipeline=\"etl\"} 1")
        .contains("flowline_node_duration_seconds_bucket{namespace=\"team-a\",phase=\"Succeeded\",pipeline=\"etl\",le=\"+Inf\"} 1");
    List<Double> bounds = scrape.lines().filter(line -> line.startsWith("flowline_node_duration_seconds_bucket"))
        .map(line -> line.replaceAll(".*le=\"([^\"]+)\".*", "$1")).filter(le -> !le.equals("+Inf"))
        .map(Double::valueOf).toList();
    assertThat(bounds).as("bucket bounds, seconds").containsExactly(1.0, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0,
        1800.0, 3600.0, 7200.0, 21600.0, 86400.0);
  }

  @Test
  void gaugesCountActiveAndQueuedRunsAtEachScrape() {
    List<RunPhase> phases = new ArrayList<>(Arrays.asList(RunPhase.Running, RunPhase.Stopping, RunPhase.Paused,
        RunPhase.Pending, RunPhase.Queued, null, RunPhase.Succeeded));
    metrics.countRunsFrom(phases::stream);

    assertThat(registry.get("flowline.runs.active").gauge().value()).isEqualTo(2);
    assertThat(registry.get("flowline.runs.queued").gauge().value()).as("no phase yet counts as waiting")
        .isEqualTo(3);

    phases.add(RunPhase.Running);

    assertThat(registry.get("flowline.runs.active").gauge().value()).isEqualTo(3);
  }
}
