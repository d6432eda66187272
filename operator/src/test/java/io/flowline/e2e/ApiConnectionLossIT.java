package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.e2e.HealthEndpoint.Answer;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue item 10, liveness half: an operator that can no longer reach the API server says so on /healthz (so the
 * kubelet restarts it) and, once the connection is back, is healthy again and runs what was created meanwhile.
 * The operator reaches the API server through a TCP proxy the test cuts, so the shared cluster is not disturbed.
 */
class ApiConnectionLossIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();

  private static final Duration INFORMERS_UNHEALTHY_WITHIN = Duration.ofSeconds(15);
  /** The operator's API staleness limit (30 s) plus its probe interval (5 s) and slack for a loaded node. */
  private static final Duration API_UNHEALTHY_WITHIN = Duration.ofSeconds(60);
  private static final Duration HEALTHY_AGAIN_WITHIN = Duration.ofSeconds(30);
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final String RUN = "created-while-cut-off";

  private static TcpProxy proxy;
  private static HealthEndpoint health;

  private final Runs runs = new Runs(env);

  @BeforeAll
  static void startOperatorBehindProxy() {
    URL apiServer = env.client().getMasterUrl();
    proxy = TcpProxy.to(apiServer.getHost(), apiServer.getPort());
    health = new HealthEndpoint(HealthEndpoint.freePort());
    env.startOperator(OperatorOptions.defaults()
        .withKubeconfig(env.kubeconfigWithServer("https://127.0.0.1:" + proxy.port()))
        .withHealthPort(health.port()));
    env.await("the operator behind the proxy to start").atMost(STARTUP)
        .until(health::readyz, answer -> answer.status() == 200);
  }

  @AfterAll
  static void stopOperatorThenProxy() {
    // In this order: an operator that loses its API server on the way out would only log noise.
    env.stopOperator();
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void healthzFailsWhileTheApiServerIsUnreachableAndTheOperatorRecoversAfter() {
    env.apply(env.testManifest("reconnect-pipeline.yaml"));
    assertThat(health.healthz()).as("/healthz before the cut").extracting(Answer::status).isEqualTo(200);

    proxy.cut();
    // The watches break with the connections: the informers say so at once.
    Answer deaf = env.await("/healthz to fail without the API server").atMost(INFORMERS_UNHEALTHY_WITHIN)
        .until(health::healthz, answer -> answer.status() == 503);
    assertThat(deaf.body()).startsWith("unhealthy: unhealthy event sources: ").contains("not watching");
    // And no request gets an answer: the check that also catches a client whose threads died, where the
    // informers may still look fine.
    Answer silent = env.await("/healthz to name the silent API server").atMost(API_UNHEALTHY_WITHIN)
        .until(health::healthz, answer -> answer.status() == 503
            && answer.body().contains("no answer from the API server"));
    assertThat(silent.body()).contains("not watching");
    assertThat(health.readyz()).as("/readyz keeps saying the operator started")
        .extracting(Answer::status).isEqualTo(200);
    // Created while the operator cannot see it: its informers must catch up once the connection is back.
    env.apply(env.testManifest("reconnect-run.yaml"));

    proxy.restore();
    env.await("/healthz to recover with the API server").atMost(HEALTHY_AGAIN_WITHIN)
        .until(health::healthz, answer -> answer.status() == 200);
    PipelineRun run = runs.awaitFinished(RUN);

    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(env.operator().isAlive()).as("the operator process").isTrue();
    assertThat(health.healthz()).as("/healthz after the run").extracting(Answer::status).isEqualTo(200);
  }
}
