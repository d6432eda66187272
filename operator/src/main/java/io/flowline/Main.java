package io.flowline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the Flowline operator against the cluster of the current KUBECONFIG (or in-cluster config). */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    OperatorSettings settings = OperatorSettings.fromEnvironment(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    AtomicBoolean ready = new AtomicBoolean();
    HealthServer health = settings.healthPort() > 0 ? new HealthServer(settings.healthPort(), ready::get) : null;
    if (settings.installCrds()) {
      CrdInstaller.install(client);
    }
    Operator operator = FlowlineOperator.create(client, settings, Clock.systemUTC());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("Stopping Flowline operator");
      ready.set(false);
      operator.stop();
      if (health != null) {
        health.close();
      }
      client.close();
    }, "flowline-shutdown"));
    operator.start();
    ready.set(true);
    LOG.info("Flowline operator started against {} watching {}", client.getMasterUrl(),
        settings.namespaces().isEmpty() ? "all namespaces" : settings.namespaces());
  }
}
