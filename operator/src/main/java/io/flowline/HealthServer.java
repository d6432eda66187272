package io.flowline;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * /healthz (liveness: the operator can still hear and reach the API server) and /readyz (the operator started)
 * for Kubernetes probes, and /metrics for Prometheus. A failing /healthz makes the kubelet restart the container,
 * the only way out of a process that is alive but no longer works.
 *
 * <p>Served by Vert.x, which the Kubernetes client brings anyway, rather than the JDK's com.sun.net.httpserver: a
 * minimal jlink runtime (a distroless-style base image) often leaves the jdk.httpserver module out.
 */
final class HealthServer implements AutoCloseable {
  /** The Prometheus text exposition format, version 0.0.4: what every Prometheus scrapes. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";
  private static final long LISTEN_TIMEOUT_SECONDS = 10;

  private final Vertx vertx;
  private final HttpServer server;
  private final HealthCheck liveness;
  private final BooleanSupplier ready;
  private final Supplier<String> scrape;

  /** Port 0 picks a free port (tests); see {@link #port()}. */
  HealthServer(int port, HealthCheck liveness, BooleanSupplier ready) throws IOException {
    this(port, liveness, ready, null);
  }

  /** @param scrape the metrics in Prometheus text format; null serves no /metrics */
  HealthServer(int port, HealthCheck liveness, BooleanSupplier ready, Supplier<String> scrape) throws IOException {
    this.liveness = liveness;
    this.ready = ready;
    this.scrape = scrape;
    // Its own single event loop: probes and scrapes are rare, and must be answered while the client's loops are busy.
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
        .setInternalBlockingPoolSize(1));
    server = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server.listen(port).toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      vertx.close();
      throw new IOException("cannot serve health and metrics on port " + port, e.getCause() != null ? e.getCause() : e);
    } catch (InterruptedException e) {
      vertx.close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening port " + port, e);
    }
  }

  int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    switch (request.path()) {
      case "/healthz" -> answer(request, liveness());
      case "/readyz" -> answer(request, ready.getAsBoolean() ? Optional.empty() : Optional.of("operator not started"));
      case "/metrics" -> {
        if (scrape == null) {
          send(request, 404, PLAIN_TEXT, "not found\n");
        } else {
          // Rendering every meter is CPU work: off the event loop, which must stay free for the probes.
          vertx.executeBlocking(scrape::get, false).onComplete(result -> {
            if (result.succeeded()) {
              send(request, 200, PROMETHEUS_TEXT, result.result());
            } else {
              // Prometheus shows a 500 with its reason on its targets page; a dropped connection tells nothing.
              send(request, 500, PLAIN_TEXT, "metrics unavailable: " + result.cause() + "\n");
            }
          });
        }
      }
      default -> send(request, 404, PLAIN_TEXT, "not found\n");
    }
  }

  private Optional<String> liveness() {
    try {
      return liveness.problem();
    } catch (RuntimeException e) {
      // A check that cannot tell is no evidence of health; the message says why.
      return Optional.of("health check failed: " + e);
    }
  }

  private static void answer(HttpServerRequest request, Optional<String> problem) {
    send(request, problem.isEmpty() ? 200 : 503, PLAIN_TEXT, problem.map(p -> "unhealthy: " + p).orElse("ok") + "\n");
  }

  private static void send(HttpServerRequest request, int code, String contentType, String text) {
    request.response().setStatusCode(code).putHeader("Content-Type", contentType).end(text);
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
  }
}
