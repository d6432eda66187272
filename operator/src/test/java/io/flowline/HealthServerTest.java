package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.metrics.PrometheusMeters;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthServerTest {
  private final AtomicReference<Optional<String>> liveness = new AtomicReference<>(Optional.empty());
  private final AtomicBoolean ready = new AtomicBoolean();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final PrometheusMeters meters = new PrometheusMeters();
  private HealthServer server;

  @BeforeEach
  void start() throws IOException {
    server = new HealthServer(0, liveness::get, ready::get, meters::scrape);
  }

  @AfterEach
  void stop() {
    server.close();
    meters.close();
  }

  @Test
  void healthzAnswers200OkWhileEveryCheckPasses() throws Exception {
    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok\n");
  }

  @Test
  void healthzAnswers503NamingWhatIsUnhealthy() throws Exception {
    liveness.set(Optional.of("no answer from the API server for 31 s"));

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).isEqualTo("unhealthy: no answer from the API server for 31 s\n");
  }

  @Test
  void healthzRecoversWhenTheProblemGoes() throws Exception {
    liveness.set(Optional.of("informer down"));
    assertThat(get("/healthz").statusCode()).isEqualTo(503);

    liveness.set(Optional.empty());

    assertThat(get("/healthz").statusCode()).isEqualTo(200);
  }

  @Test
  void aLivenessCheckThatThrowsAnswers503WithTheException() throws Exception {
    server.close();
    server = new HealthServer(0, () -> {
      throw new IllegalStateException("runtime info unavailable");
    }, ready::get);

    HttpResponse<String> response = get("/healthz");

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.body()).contains("health check failed").contains("runtime info unavailable");
  }

  @Test
  void readyzAnswers503UntilTheOperatorStartedAnd200After() throws Exception {
    HttpResponse<String> before = get("/readyz");
    ready.set(true);
    HttpResponse<String> after = get("/readyz");

    assertThat(before.statusCode()).isEqualTo(503);
    assertThat(before.body()).isEqualTo("unhealthy: operator not started\n");
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(after.body()).isEqualTo("ok\n");
  }

  @Test
  void readinessDoesNotDependOnLiveness() throws Exception {
    ready.set(true);
    liveness.set(Optional.of("informer down"));

    assertThat(get("/readyz").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsServesThePrometheusTextFormat() throws Exception {
    meters.registry().counter("flowline.runs.started", "namespace", "team-a", "pipeline", "etl").increment();

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
    assertThat(response.body())
        .contains("flowline_runs_started_total{namespace=\"team-a\",pipeline=\"etl\"} 1.0")
        .contains("jvm_memory_used_bytes{")
        .contains("process_uptime_seconds");
  }

  @Test
  void aScrapeThatThrowsAnswers500WithTheReason() throws Exception {
    server.close();
    server = new HealthServer(0, liveness::get, ready::get, () -> {
      throw new IllegalStateException("cache resyncing");
    });

    HttpResponse<String> response = get("/metrics");

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("cache resyncing");
    assertThat(get("/healthz").statusCode()).as("the probes still answer").isEqualTo(200);
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
  }
}
