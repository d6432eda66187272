package io.flowline;

import io.flowline.engine.GoDuration;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunPlanner;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The operator's settings, read from the environment.
 *
 * @param namespaces namespaces to watch; empty = all (WATCH_NAMESPACES=a,b)
 * @param podStartGracePeriod how long a pod may fail to start (ErrImagePull, Unschedulable, ...) before its
 *     attempt fails (FLOWLINE_POD_START_GRACE, default 5m)
 * @param platformRetries how many attempts of a node the platform may end (StartError, eviction, preemption, node
 *     loss) and the operator retries without counting them against the node's retry limit
 *     (FLOWLINE_PLATFORM_RETRIES, default 3; 0 = such failures count as the node's own)
 * @param installCrds whether to create or update the CRDs at startup (FLOWLINE_INSTALL_CRDS, default true; the
 *     Helm chart installs them itself and sets false)
 * @param healthPort port of /healthz, /readyz and /metrics; 0 = off (FLOWLINE_HEALTH_PORT, default 8080)
 * @param runProgressEvents whether to emit a Normal Event when a run starts and when it succeeds
 *     (FLOWLINE_RUN_EVENTS, default false: phase and times are in status, and two Events would make a one-node run
 *     cost 5 API writes instead of 3; failures are always Warning Events)
 * @param nodeProgressEvents whether to emit an Event for every node start and success (FLOWLINE_NODE_EVENTS,
 *     default false: they are in status already, and each Event is an API write)
 * @param reconcileThreads runs reconciled at once (FLOWLINE_RECONCILE_THREADS)
 * @param lease the Lease that elects one leader among replicas (FLOWLINE_LEADER_ELECTION=true, default false;
 *     FLOWLINE_LEASE_NAME, default flowline-operator; FLOWLINE_LEASE_NAMESPACE, default the client's namespace,
 *     which in a pod is the pod's own); empty = no election, this process reconciles alone
 * @param dashboardPort port of the dashboard (web UI and /api/v1 JSON); 0 = off (FLOWLINE_DASHBOARD_PORT, default
 *     8081)
 * @param dashboardActions whether the dashboard may start, pause, resume, stop, cancel and retry runs
 *     (FLOWLINE_DASHBOARD_ACTIONS, default false), each authorized by a SubjectAccessReview for the user an auth
 *     proxy names
 * @param logFormat text (readable, the default) or json (one JSON object per line, for log shippers); logback.xml
 *     reads FLOWLINE_LOG_FORMAT itself, this only refuses a value it would not know
 */
public record OperatorSettings(Set<String> namespaces, Duration podStartGracePeriod, int platformRetries,
    boolean installCrds,
    int healthPort, boolean runProgressEvents, boolean nodeProgressEvents, int reconcileThreads,
    Optional<Lease> lease, int dashboardPort, boolean dashboardActions, String logFormat) {
  static final Set<String> LOG_FORMATS = Set.of("text", "json");

  /** Where the leader's Lease lives; an empty namespace means the client's own. */
  public record Lease(String name, Optional<String> namespace) {
  }

  public static OperatorSettings fromEnvironment(Map<String, String> env) {
    Set<String> namespaces = Arrays.stream(env.getOrDefault("WATCH_NAMESPACES", "").split(","))
        .map(String::trim).filter(ns -> !ns.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
    return new OperatorSettings(namespaces,
        GoDuration.parse(env.getOrDefault("FLOWLINE_POD_START_GRACE", "5m")),
        platformRetries(env),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_INSTALL_CRDS", "true")),
        Integer.parseInt(env.getOrDefault("FLOWLINE_HEALTH_PORT", "8080")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_RUN_EVENTS", "false")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_NODE_EVENTS", "false")),
        Integer.parseInt(env.getOrDefault("FLOWLINE_RECONCILE_THREADS", "50")),
        lease(env),
        Integer.parseInt(env.getOrDefault("FLOWLINE_DASHBOARD_PORT", "8081")),
        Boolean.parseBoolean(env.getOrDefault("FLOWLINE_DASHBOARD_ACTIONS", "false")),
        logFormat(env));
  }

  private static Optional<Lease> lease(Map<String, String> env) {
    if (!Boolean.parseBoolean(env.getOrDefault("FLOWLINE_LEADER_ELECTION", "false"))) {
      return Optional.empty();
    }
    String name = env.getOrDefault("FLOWLINE_LEASE_NAME", "").trim();
    String namespace = env.getOrDefault("FLOWLINE_LEASE_NAMESPACE", "").trim();
    return Optional.of(new Lease(name.isEmpty() ? "flowline-operator" : name,
        namespace.isEmpty() ? Optional.empty() : Optional.of(namespace)));
  }

  private static int platformRetries(Map<String, String> env) {
    String value = env.getOrDefault("FLOWLINE_PLATFORM_RETRIES", String.valueOf(RunPlanner.DEFAULT_PLATFORM_RETRIES));
    try {
      int retries = Integer.parseInt(value.trim());
      if (retries >= 0) {
        return retries;
      }
    } catch (NumberFormatException e) {
      // answered below, with the value
    }
    throw new IllegalArgumentException("FLOWLINE_PLATFORM_RETRIES must be a whole number from 0, not \"" + value
        + "\"");
  }

  private static String logFormat(Map<String, String> env) {
    String format = env.getOrDefault("FLOWLINE_LOG_FORMAT", "text");
    if (!LOG_FORMATS.contains(format)) {
      throw new IllegalArgumentException("FLOWLINE_LOG_FORMAT must be text or json, not \"" + format + "\"");
    }
    return format;
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
