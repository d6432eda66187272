package io.flowline;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.kube.CacheTrimming;
import io.flowline.metrics.FlowlineMetrics;
import io.flowline.reconciler.PipelineReconciler;
import io.flowline.reconciler.PipelineRunReconciler;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.event.rate.LinearRateLimiter;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/** Wires the reconcilers into a JOSDK Operator; shared by Main and the operator tests. */
public final class FlowlineOperator {
  static final Duration RETRY_MAX_INTERVAL = Duration.ofMinutes(2);
  static final Duration PIPELINE_STATUS_PERIOD = Duration.ofSeconds(1);

  private FlowlineOperator() {
  }

  public static Operator create(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry registry) {
    return create(client, settings, clock, registry, Leadership.alone());
  }

  /** With a Lease in the settings only the replica that holds it reconciles; {@code leadership} follows it. */
  public static Operator create(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry registry, Leadership leadership) {
    return build(client, settings, clock, registry, leadership).operator();
  }

  /** The operator, with the run reconciler whose caches the dashboard reads. */
  public record Built(Operator operator, PipelineRunReconciler runReconciler) {
  }

  public static Built build(KubernetesClient client, OperatorSettings settings, Clock clock,
      MeterRegistry registry, Leadership leadership) {
    Operator operator = new Operator(overrider -> overrider
        .withKubernetesClient(client)
        // Per-resource meters would add series for every run ever reconciled: thousands, never removed.
        .withMetrics(MicrometerMetrics.withoutPerResourceMetrics(registry))
        // Status is written by StatusWriter with optimistic-locking updates, the same on every API server
        // (the fabric8 mock server has no server-side apply); JOSDK itself never patches our resources.
        .withUseSSAToPatchPrimaryResource(false)
        .withSSABasedCreateUpdateMatchForDependentResources(false)
        .withCloseClientOnStop(false)
        // A reconciliation mostly waits on the API server. JOSDK's 50 keep this 2-core API server saturated when
        // a thousand runs start at once; 200 measured no better (BENCHMARKS.md), so the default stays.
        .withConcurrentReconciliationThreads(settings.reconcileThreads())
        .withLeaderElectionConfiguration(settings.lease().map(leadership::configuration).orElse(null)));
    PipelineRunReconciler runReconciler = new PipelineRunReconciler(client, settings.podStartGracePeriod(),
        settings.platformRetries(), settings.eventDetails(), clock, new FlowlineMetrics(registry));
    // A Pipeline sees what its runs cannot: one of them deleted, its limit raised; its waiting runs then look again.
    operator.register(new PipelineReconciler(client, clock, runReconciler::wakeWaitingRuns),
        FlowlineOperator.<Pipeline>namespaces(settings)
        .andThen(overrider -> overrider
            .withItemStore(CacheTrimming.store(CacheTrimming::pipeline))
            // A Pipeline's status sums up its runs: with hundreds of runs changing per second it is rewritten at
            // most PIPELINE_STATUS_PERIOD apart, each time from the latest state, instead of once per change.
            .withRateLimiter(new LinearRateLimiter(PIPELINE_STATUS_PERIOD, 1))));
    operator.register(runReconciler, FlowlineOperator.<PipelineRun>namespaces(settings)
        // No rate limiter here: a run reconciles only when a Job or pod change matters (the filters in
        // PipelineRunReconciler) or when it asked to wake up, so a limit would only delay node handoffs.
        .andThen(overrider -> overrider.withItemStore(CacheTrimming.store(CacheTrimming::run)))
        .andThen(overrider -> overrider.withRetry(
            // Never give up on a run: an API outage or a bug's exception is retried until it goes away, with a
            // backoff capped so a stuck run costs one attempt every few minutes, never a hot loop.
            new GenericRetry().withoutMaxAttempts().setInitialInterval(Duration.ofSeconds(1))
                .setIntervalMultiplier(2).setMaxInterval(RETRY_MAX_INTERVAL.toMillis()))));
    return new Built(operator, runReconciler);
  }

  private static <R extends HasMetadata> Consumer<ControllerConfigurationOverrider<R>>
      namespaces(OperatorSettings settings) {
    return overrider -> {
      if (!settings.namespaces().isEmpty()) {
        overrider.settingNamespaces(settings.namespaces());
      }
    };
  }
}
