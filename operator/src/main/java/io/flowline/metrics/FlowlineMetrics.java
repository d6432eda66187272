package io.flowline.metrics;

import io.flowline.api.NodePhase;
import io.flowline.api.RunPhase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Flowline's own meters. Callers report status writes that went through, so a transition is counted once: a
 * write built on a stale read fails its optimistic lock and is never reported. Tags stay bounded: namespace,
 * Pipeline name and phase, never a run or node name.
 */
public final class FlowlineMetrics {
  public static final String RUNS_STARTED = "flowline.runs.started";
  public static final String RUNS_FINISHED = "flowline.runs.finished";
  public static final String RUN_DURATION = "flowline.run.duration";
  public static final String NODE_DURATION = "flowline.node.duration";
  public static final String RUNS_ACTIVE = "flowline.runs.active";
  public static final String RUNS_QUEUED = "flowline.runs.queued";
  /** The pipeline tag of a run with an inline spec: its own name would make one series per run. */
  public static final String INLINE_PIPELINE = "inline";

  static final Set<RunPhase> ACTIVE = EnumSet.of(RunPhase.Running, RunPhase.Stopping);
  static final Set<RunPhase> QUEUED = EnumSet.of(RunPhase.Pending, RunPhase.Queued);
  // Status times have second precision, so nothing shorter is told apart; a day bounds the batch work Flowline
  // runs. Fixed buckets, 13 per series instead of Micrometer's 76 between those bounds: every pipeline and phase
  // of every namespace has two histograms, and p50/p95 of batch work need no finer steps.
  private static final Duration[] BUCKETS = Stream.of(1, 5, 10, 30, 60, 120, 300, 600, 1_800, 3_600, 7_200,
      21_600, 86_400).map(Duration::ofSeconds).toArray(Duration[]::new);

  private final MeterRegistry registry;

  public FlowlineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Gauges of active and queued runs, counted from {@code phases} at each scrape: a cache the operator keeps
   * anyway, so a scrape costs no API call. A run without a phase yet is waiting to start.
   */
  public void countRunsFrom(Supplier<Stream<RunPhase>> phases) {
    Gauge.builder(RUNS_ACTIVE, () -> count(phases, ACTIVE))
        .description("Runs executing nodes or being stopped")
        .strongReference(true)
        .register(registry);
    Gauge.builder(RUNS_QUEUED, () -> count(phases, QUEUED))
        .description("Runs waiting to start (Pending or Queued)")
        .strongReference(true)
        .register(registry);
  }

  private static long count(Supplier<Stream<RunPhase>> phases, Set<RunPhase> wanted) {
    return phases.get().filter(phase -> phase == null ? wanted.contains(RunPhase.Pending) : wanted.contains(phase))
        .count();
  }

  /** A run's status went from {@code before} to {@code after}; a write that repeats a state counts nothing. */
  public void runWritten(String namespace, String pipeline, RunPhaseTimes before, RunPhaseTimes after) {
    if (!before.started() && after.started()) {
      Counter.builder(RUNS_STARTED).description("Runs that started executing")
          .tag("namespace", namespace).tag("pipeline", pipeline)
          .register(registry).increment();
    }
    if (!before.finished() && after.finished()) {
      String phase = after.phase().name();
      Counter.builder(RUNS_FINISHED).description("Runs that ended, by terminal phase")
          .tag("namespace", namespace).tag("pipeline", pipeline).tag("phase", phase)
          .register(registry).increment();
      // A run that ended before it started (invalid pipeline or params) has no duration to tell.
      if (after.started() && after.completionTime() != null) {
        duration(RUN_DURATION, "From a run's startTime to its completionTime", namespace, pipeline, phase)
            .record(nonNegative(Duration.between(after.startTime(), after.completionTime())));
      }
    }
  }

  /** A node reached the terminal {@code phase} after running for {@code ranFor}. */
  public void nodeEnded(String namespace, String pipeline, NodePhase phase, Duration ranFor) {
    duration(NODE_DURATION, "From a node's startTime to its completionTime", namespace, pipeline,
        phase.name()).record(nonNegative(ranFor));
  }

  private Timer duration(String name, String description, String namespace, String pipeline,
      String phase) {
    return Timer.builder(name).description(description)
        .tag("namespace", namespace).tag("pipeline", pipeline).tag("phase", phase)
        .serviceLevelObjectives(BUCKETS)
        .register(registry);
  }

  // Clocks of different operator replicas may disagree by a little; a histogram takes no negative durations.
  private static Duration nonNegative(Duration duration) {
    return duration.isNegative() ? Duration.ZERO : duration;
  }
}
