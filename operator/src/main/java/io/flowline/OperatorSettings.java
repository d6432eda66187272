package io.flowline;

import java.util.TreeSet;
import io.flowline.engine.GoDuration;
import java.time.Duration;
import io.flowline.engine.PlannedEvent;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's settings, read from the environment.
 *
 * @param namespaces namespaces to watch; empty = all (WATCH_NAMESPACES=a,b)
 * @param podStartGracePeriod how long a pod may fail to start (ErrImagePull, Unschedulable, ...) before its
 *     attempt fails (FLOWLINE_POD_START_GRACE, default 5m)
 * @param installCrds whether to create or update the CRDs at startup (FLOWLINE_INSTALL_CRDS, default true; the
 *     Helm chart installs them itself and sets false)
 * @param healthPort port of /healthz, /readyz and /metrics; 0 = off (FLOWLINE_HEALTH_PORT, default 8080)
 * @param runProgressEvents whether to emit a Normal Event when a run starts and when it succeeds
 *     (FLOWLINE_RUN_EVENTS, default false: phase and times are in status, and two Events would make a one-node run
 *     cost 5 API writes instead of 3; failures are always Warning Events)
 * @param nodeProgressEvents whether to emit an Event for every node start and success (FLOWLINE_NODE_EVENTS,
 *     default false: they are in status already, and each Event is an API write)
 * @param reconcileThreads runs reconciled at once (FLOWLINE_RECONCILE_THREADS)
 */
public record OperatorSettings(Set<String> namespaces, Duration podStartGracePeriod, boolean installCrds,
    int healthPort, boolean runProgressEvents, boolean nodeProgressEvents, int reconcileThreads) {

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::trim).filter(ns -> !ns.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    return new OperatorSettings(namespaces,
        GoDuration.parse(env.getOrDefault("FLOWLINE_POD_START_GRACE", "5m")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_INSTALL_CRDS", "true")),
        Integer.parseInt(env.getOrDefault("FLOWLINE_HEALTH_PORT", "8080")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_RUN_EVENTS", "false")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_NODE_EVENTS", "false")),
        Integer.parseInt(env.getOrDefault("FLOWLINE_RECONCILE_THREADS", "50")));
  }

  /** The kinds of Event these settings let through. */
  public Set<PlannedEvent.Detail> eventDetails() {
    Set<PlannedEvent.Detail> details = EnumSet.of(PlannedEvent.Detail.ALWAYS);
    if (runProgressEvents) {
      details.add(PlannedEvent.Detail.RUN_PROGRESS);
    }
    if (nodeProgressEvents) {
      details.add(PlannedEvent.Detail.NODE_PROGRESS);
    }
    return details;
  }
}
