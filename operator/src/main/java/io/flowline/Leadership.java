package io.flowline;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether this process leads, when replicas elect a leader on a Lease: only the leader reconciles, a standby keeps
 * its caches warm so it can take over as soon as the Lease expires. A leader that loses its Lease exits: a
 * reconciliation still running could otherwise race the new leader.
 */
public final class Leadership {
  private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);
  private static final int LOST_LEASE = 1;

  private final AtomicBoolean leading = new AtomicBoolean();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean ledAtStop;

  /** Without an election this process is the only one and leads from the start. */
  public static Leadership alone() {
    Leadership leadership = new Leadership();
    leadership.leading.set(true);
    return leadership;
  }

  public static Leadership elected() {
    return new Leadership();
  }

  public boolean leading() {
    return leading.get();
  }

  /**
   * The process is shutting down: giving up the Lease now is expected. (JOSDK's own exit-on-stop-leading would call
   * System.exit from the shutdown hook that stops the operator, which blocks the hook for good.)
   */
  public void stopping() {
    ledAtStop = leading.get();
    stopping.set(true);
  }

  /**
   * After the operator stopped: hands the Lease back if this replica held it, as client-go's ReleaseOnCancel does,
   * so a standby takes over at once instead of after the Lease expires. JOSDK leaves it held; and a replica stopped by
   * a rollout or a drain should not cost the others a Lease duration. Best effort: if it fails, the Lease expires.
   */
  public void release(KubernetesClient client, OperatorSettings.Lease lease) {
    String identity = System.getenv("HOSTNAME");
    if (!ledAtStop || identity == null || identity.isBlank()) {
      return;
    }
    String namespace = lease.namespace().orElse(client.getNamespace());
    try {
      client.resources(Lease.class).inNamespace(namespace).withName(lease.name()).edit(held -> {
        if (held.getSpec() != null && identity.equals(held.getSpec().getHolderIdentity())) {
          held.getSpec().setHolderIdentity("");
          held.getSpec().setLeaseDurationSeconds(1);
          held.getSpec().setRenewTime(ZonedDateTime.now(ZoneOffset.UTC));
        }
        return held;
      });
      LOG.info("Released Lease {}", lease.name());
    } catch (KubernetesClientException e) {
      LOG.info("Could not release Lease {} ({}); it expires by itself", lease.name(), e.getMessage());
    }
  }

  /** flowline_leader: 1 on the replica that reconciles, 0 on a standby. */
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("flowline.leader", leading, flag -> flag.get() ? 1 : 0)
        .description("1 while this replica reconciles (holds the Lease, or runs without leader election)")
        .register(registry);
  }

  LeaderElectionConfiguration configuration(OperatorSettings.Lease lease) {
    return new LeaderElectionConfiguration(lease.name(), lease.namespace().orElse(null),
        LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
        LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE,
        LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE,
        null, // the pod name (HOSTNAME), so `kubectl get lease` names the leading pod
        new LeaderCallbacks(() -> {
          leading.set(true);
          LOG.info("Leading: this replica reconciles from now on (Lease {})", lease.name());
        }, this::stoppedLeading, leader -> { }),
        false);
  }

  private void stoppedLeading() {
    boolean wasLeading = leading.getAndSet(false);
    if (wasLeading && !stopping.get()) {
      LOG.error("Lost Lease: exiting, so that no reconciliation of this replica races the new leader");
      System.exit(LOST_LEASE);
    }
  }
}
