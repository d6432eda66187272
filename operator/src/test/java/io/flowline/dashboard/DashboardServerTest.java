package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.RunPhase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side: pages, static files, form posts with the proxy's headers, and logs as Server-Sent Events. */
class DashboardServerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private DashboardServer server;

  private DashboardServer start(NodeLogs logs) throws Exception {
    InMemoryDashboardData data = new InMemoryDashboardData().add(DashboardFixtures.chain("ns", "p"))
        .add(DashboardFixtures.run("ns", "r", "p", NOW, RunPhase.Running, "a=Running"));
    CsrfTokens csrf = new CsrfTokens();
    DashboardActions actions = DashboardActions.on(csrf, request -> new AccessReviewer.Decision(false, "denied"),
        new DashboardEscapingTest.NoRunControl());
    server = new DashboardServer(0, new Dashboard(data, actions, Clock.systemUTC()), logs);
    return server;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  @Test
  void pagesAndStaticFilesAreServedWithAContentSecurityPolicy() throws Exception {
    start((ns, run, node, attempt, sink) -> sink.end("none"));

    HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> css = http.send(HttpRequest.newBuilder(uri("/static/dashboard.css")).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> missing = http.send(HttpRequest.newBuilder(uri("/ns/ns/runs/nope")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("data-pipeline=\"ns/p\"");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("default-src 'self'"));
    assertThat(css.statusCode()).isEqualTo(200);
    assertThat(css.headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    assertThat(missing.statusCode()).isEqualTo(404);
  }

  @Test
  void aFormPostReachesTheActionsWithTheProxysUserAndGroups() throws Exception {
    start((ns, run, node, attempt, sink) -> sink.end("none"));
    String token = "csrf=" + new CsrfTokens().tokenFor("alice");

    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/ns/ns/runs/r/actions/cancel"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Forwarded-User", "alice").header("X-Forwarded-Groups", "team-a, ops")
        .POST(HttpRequest.BodyPublishers.ofString(token)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as("a token of another key").isEqualTo(403);
    assertThat(response.body()).contains("CSRF token");
  }

  private List<String> stream(String path) throws Exception {
    HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(uri(path)).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    List<String> lines = new ArrayList<>();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        lines.add(line);
      }
    }
    return lines;
  }

  @Test
  void aLogArrivesLineByLineAsServerSentEventsAndEndsWithItsReason() throws Exception {
    start((ns, run, node, attempt, sink) -> {
      sink.status("following " + ns + "/" + run + "/" + node + "#" + attempt);
      sink.line("first <line>");
      sink.line("second\rline");
      sink.end("ended: done");
    });

    HttpResponse<java.io.InputStream> response = http.send(HttpRequest.newBuilder(
        uri("/ns/ns/runs/r/nodes/a/logs/stream")).build(), HttpResponse.BodyHandlers.ofInputStream());
    response.body().close();
    List<String> lines = stream("/ns/ns/runs/r/nodes/a/logs/stream?attempt=2");

    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
    assertThat(stream("/ns/ns/runs/r/nodes/a/logs/stream")).as("without ?attempt, the node's newest")
        .contains("data: following ns/r/a#1");
    assertThat(stream("/ns/ns/runs/no-such-run/nodes/a/logs/stream")).containsSubsequence("event: end",
        "data: No run, or no log stream, at /ns/ns/runs/no-such-run/nodes/a/logs/stream");
    assertThat(lines).containsSubsequence("event: status", "data: following ns/r/a#2", "data: first <line>",
        "data: second", "data: line", "event: end", "data: ended: done");
  }
}
