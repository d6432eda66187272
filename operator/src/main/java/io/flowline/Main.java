package io.flowline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.flowline.dashboard.DashboardServer;
import io.flowline.metrics.PrometheusMeters;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Flowline operator against the cluster of the current KUBECONFIG (or in-cluster config). Start the JVM
 * with -XX:+ExitOnOutOfMemoryError: after an OutOfMemoryError the process must end so it gets restarted.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final int STARTUP_FAILED = 1;

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    FatalErrorHandler.install();
    try {
      start(OperatorSettings.fromEnvironment(System.getenv()));
    } catch (Throwable e) {
      if (FatalErrorHandler.isFatal(e)) {
        throw e; // to the FatalErrorHandler, which halts
      }
      // Exit rather than return: the health server's and the client's threads would keep a process alive that
      // does nothing, and a liveness probe answering ok would never restart it.
      LOG.error("Flowline operator failed to start", e);
      System.exit(STARTUP_FAILED);
    }
  }

  private static void start(OperatorSettings settings) throws Exception {
    Clock clock = Clock.systemUTC();
    KubernetesClient client = new KubernetesClientBuilder().build();
    if (settings.installCrds()) {
      CrdInstaller.install(client);
    }
    PrometheusMeters meters = new PrometheusMeters();
    Leadership leadership = settings.lease().isPresent() ? Leadership.elected() : Leadership.alone();
    leadership.bindTo(meters.registry());
    FlowlineOperator.Built built = FlowlineOperator.build(client, settings, clock, meters.registry(), leadership);
    Operator operator = built.operator();
    AtomicBoolean ready = new AtomicBoolean();
    ApiReachability api = ApiReachability.of(client, clock).start();
    HealthServer health = settings.healthPort() > 0
        ? new HealthServer(settings.healthPort(), HealthCheck.allOf(List.of(new InformerHealth(operator), api)),
            ready::get, meters::scrape)
        : null;
    DashboardServer dashboard = settings.dashboardPort() > 0
        ? DashboardServer.start(settings.dashboardPort(), settings.dashboardActions(), built.runReconciler()::caches,
            ready::get, client, clock)
        : null;
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping Flowline operator");
      ready.set(false);
      leadership.stopping();
      operator.stop();
      settings.lease().ifPresent(lease -> leadership.release(client, lease));
      if (health != null) {
        health.close();
      }
      if (dashboard != null) {
        dashboard.close();
      }
      api.close();
      meters.close();
      client.close();
    }, "flowline-shutdown"));
    operator.start();
    ready.set(true);
    LOG.info("Flowline operator started against {} watching {}{}", client.getMasterUrl(),
        settings.namespaces().isEmpty() ? "all namespaces" : settings.namespaces(),
        settings.lease().map(lease -> ", reconciling when it holds Lease " + lease.name()).orElse(""));
    if (dashboard != null) {
      LOG.info("Dashboard on port {}{}", dashboard.port(), settings.dashboardActions()
          ? ", actions on (authorized per user by SubjectAccessReview)" : "");
    }
  }
}
