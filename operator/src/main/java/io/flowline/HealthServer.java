package io.flowline;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * /healthz (liveness: the operator can still hear and reach the API server) and /readyz (the operator started)
 * for Kubernetes probes. A failing /healthz makes the kubelet restart the container, the only way out of a
 * process that is alive but no longer works.
 */
final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  /** Port 0 picks a free port (tests); see {@link #port()}. */
  HealthServer(int port, HealthCheck liveness, BooleanSupplier ready) throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.createContext("/healthz", exchange -> answer(exchange, liveness(liveness)));
    server.createContext("/readyz", exchange -> answer(exchange, ready.getAsBoolean()
        ? Optional.empty() : Optional.of("operator not started")));
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
    byte[] body = (problem.map(p -> "unhealthy: " + p).orElse("ok") + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(problem.isEmpty() ? 200 : 503, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
