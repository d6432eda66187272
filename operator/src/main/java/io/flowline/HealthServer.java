package io.flowline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (liveness: the operator can still hear and reach the API server) and /readyz (the operator started)
 * for Kubernetes probes, and /metrics for Prometheus. A failing /healthz makes the kubelet restart the container,
 * the only way out of a process that is alive but no longer works.
 */
final class HealthServer implements AutoCloseable {
  /** The Prometheus text exposition format, version 0.0.4: what every Prometheus scrapes. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;

  /** Port 0 picks a free port (tests); see {@link #port()}. */
  HealthServer(int port, HealthCheck liveness, BooleanSupplier ready) throws IOException {
    this(port, liveness, ready, null);
  }

  /** @param scrape the metrics in Prometheus text format; null serves no /metrics */
  HealthServer(int port, HealthCheck liveness, BooleanSupplier ready, Supplier<String> scrape) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> answer(exchange, liveness(liveness)));
    server.createContext("/readyz", exchange -> answer(exchange, ready.getAsBoolean()
        ? Optional.empty() : Optional.of("operator not started")));
    if (scrape != null) {
      server.createContext("/metrics", exchange -> metrics(exchange, scrape));
    }
    server.start();
  }

  int port() {
    return server.getAddress().getPort();
  }

  private static Optional<String> liveness(HealthCheck check) {
    try {
      return check.problem();
    } catch (RuntimeException e) {
      // A check that cannot tell is no evidence of health; the message says why.
      return Optional.of("health check failed: " + e);
    }
  }

  private static void answer(HttpExchange exchange, Optional<String> problem) throws IOException {
    send(exchange, problem.isEmpty() ? 200 : 503, "text/plain; charset=utf-8",
        problem.map(p -> "unhealthy: " + p).orElse("ok") + "\n");
  }

  private static void metrics(HttpExchange exchange, Supplier<String> scrape) throws IOException {
    String text;
    try {
      text = scrape.get();
    } catch (RuntimeException e) {
      // Prometheus shows a 500 with its reason on its targets page; a dropped connection tells nothing.
      send(exchange, 500, "text/plain; charset=utf-8", "metrics unavailable: " + e + "\n");
      return;
    }
    send(exchange, 200, PROMETHEUS_TEXT, text);
  }

  private static void send(HttpExchange exchange, int code, String contentType, String text) throws IOException {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(code, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
