package io.flowline;

import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * JOSDK's own view of its event sources: an informer that stopped running, watching or never synced means the
 * operator no longer hears about changes, however healthy the rest looks.
 */
final class InformerHealth implements HealthCheck {
  private final Operator operator;

  InformerHealth(Operator operator) {
    this.operator = operator;
  }

  @Override
  public Optional<String> problem() {
    RuntimeInfo info = operator.getRuntimeInfo();
    // Before start the informers are not meant to run yet; a start that fails or hangs ends the process (Main).
    if (!info.isStarted()) {
      return Optional.empty();
    }
    return describe(info.unhealthyEventSources());
  }

  /** Names each unhealthy event source per controller and, for informers, what fails in which namespace. */
  static Optional<String> describe(Map<String, Map<String, EventSourceHealthIndicator>> unhealthyByController) {
    List<String> problems = new ArrayList<>();
    new TreeMap<>(unhealthyByController).forEach((controller, sources) -> new TreeMap<>(sources)
        .forEach((source, indicator) -> problems.add(controller + "/" + shortName(source) + " "
            + describe(indicator))));
    return problems.isEmpty() ? Optional.empty()
        : Optional.of("unhealthy event sources: " + String.join(", ", problems));
  }

  /** JOSDK names unnamed sources by class and hash; the package only makes the probe answer longer. */
  private static String shortName(String source) {
    return source.replaceFirst("^(?:[a-z_][a-z0-9_]*\\.)+(?=[A-Z])", "");
  }

  private static String describe(EventSourceHealthIndicator indicator) {
    if (!(indicator instanceof InformerWrappingEventSourceHealthIndicator<?> informers)) {
      return "(" + indicator.getStatus() + ")";
    }
    List<String> failing = new ArrayList<>();
    new TreeMap<>(informers.informerHealthIndicators()).forEach((namespace, informer) -> {
      if (informer.getStatus() != Status.HEALTHY) {
        failing.add("namespace " + namespace + ": " + aspects(informer));
      }
    });
    return "(" + (failing.isEmpty() ? indicator.getStatus().toString() : String.join("; ", failing)) + ")";
  }

  private static String aspects(InformerHealthIndicator informer) {
    List<String> aspects = new ArrayList<>();
    if (!informer.isRunning()) {
      aspects.add("not running");
    }
    if (!informer.isWatching()) {
      aspects.add("not watching");
    }
    if (!informer.hasSynced()) {
      aspects.add("not synced");
    }
    return aspects.isEmpty() ? informer.getStatus().toString() : String.join(", ", aspects);
  }
}
