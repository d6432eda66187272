package io.flowline.dashboard;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.reconciler.RunCaches;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the {@link Dashboard} over HTTP with Vert.x (as the health server does), on a port of its own. Pages are
 * rendered on worker threads so the event loop stays free; each followed log has a thread of its own, up to
 * {@link #MAX_LOG_STREAMS}.
 */
public final class DashboardServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  /** Logs followed at once; one more is refused with 503 rather than queued behind a log that may never end. */
  static final int MAX_LOG_STREAMS = 32;
  private static final long LISTEN_TIMEOUT_SECONDS = 10;
  private static final int RENDER_THREADS = 4;
  /** Scripts and styles only from the dashboard itself: a string that escaped escaping still could not run. */
  private static final Map<String, String> SECURITY_HEADERS = Map.of(
      "Content-Security-Policy", "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "same-origin");
  private static final Map<String, String> STATIC = Map.of(
      "/static/dashboard.css", "text/css; charset=utf-8",
      "/static/dashboard.js", "text/javascript; charset=utf-8");

  private final Dashboard dashboard;
  private final NodeLogs logs;
  private final Vertx vertx;
  private final HttpServer server;
  private final ExecutorService logThreads;
  private final Map<String, byte[]> staticFiles = new HashMap<>();

  /** Port 0 picks a free port (tests); see {@link #port()}. */
  DashboardServer(int port, Dashboard dashboard, NodeLogs logs) throws IOException {
    this.dashboard = dashboard;
    this.logs = logs;
    STATIC.keySet().forEach(path -> staticFiles.put(path, resource(path.replace("/static/", "dashboard/"))));
    AtomicInteger threads = new AtomicInteger();
    this.logThreads = new ThreadPoolExecutor(0, MAX_LOG_STREAMS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
        runnable -> {
          Thread thread = new Thread(runnable, "flowline-dashboard-log-" + threads.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(RENDER_THREADS)
        .setInternalBlockingPoolSize(1));
    server = vertx.createHttpServer().requestHandler(this::handle);
    try {
      server.listen(port).toCompletionStage().toCompletableFuture().get(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      close();
      throw new IOException("cannot serve the dashboard on port " + port, e.getCause() != null ? e.getCause() : e);
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while opening port " + port, e);
    }
  }

  /**
   * The dashboard over the run reconciler's caches; until {@code started} it answers 503.
   *
   * @param actions whether runs may be started and steered (FLOWLINE_DASHBOARD_ACTIONS)
   */
  public static DashboardServer start(int port, boolean actions, Supplier<Optional<RunCaches>> caches,
      BooleanSupplier started, KubernetesClient client, Clock clock) throws IOException {
    DashboardActions posts = actions
        ? DashboardActions.on(new CsrfTokens(), new SubjectAccessReviews(client), new KubeRunControl(client))
        : DashboardActions.off();
    return new DashboardServer(port, new Dashboard(new CachedDashboardData(caches, started, client), posts, clock),
        new PodLogs(caches, client));
  }

  public int port() {
    return server.actualPort();
  }

  private void handle(HttpServerRequest request) {
    String path = request.path();
    if (STATIC.containsKey(path)) {
      respond(request, new DashboardResponse(200, STATIC.get(path), null, Map.of("Cache-Control", "max-age=300")),
          staticFiles.get(path));
      return;
    }
    if ("POST".equals(request.method().name())) {
      request.setExpectMultipart(true);
      request.endHandler(end -> render(request, request.formAttributes()));
      request.exceptionHandler(e -> LOG.debug("Dashboard request body failed: {}", e.toString()));
      return;
    }
    render(request, MultiMap.caseInsensitiveMultiMap());
  }

  private void render(HttpServerRequest request, MultiMap form) {
    DashboardRequest asked = new DashboardRequest(request.method().name(), request.path(), firstValues(request.params()),
        firstValues(form), Optional.ofNullable(request.getHeader("X-Forwarded-User")).map(String::trim)
            .filter(user -> !user.isEmpty()),
        groups(request.getHeader("X-Forwarded-Groups")));
    if ("GET".equals(asked.method()) && Dashboard.isLogStream(asked.path())) {
      follow(request, asked);
      return;
    }
    vertx.executeBlocking(() -> dashboard.handle(asked), false).onComplete(result -> {
      DashboardResponse response = result.succeeded() ? result.result()
          : DashboardResponse.html(500, Layout.page("Error", "<p>" + Html.escape(String.valueOf(result.cause()))
              + "</p>"));
      respond(request, response, response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    });
  }

  /** Server-Sent Events: one "message" per log line, "status" while it waits or follows, "end" with why it ended. */
  private void follow(HttpServerRequest request, DashboardRequest asked) {
    HttpServerResponse response = request.response();
    AtomicBoolean closed = new AtomicBoolean();
    List<Runnable> onClose = new CopyOnWriteArrayList<>();
    response.closeHandler(v -> {
      closed.set(true);
      onClose.forEach(DashboardServer::quietly);
    });
    response.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
        .putHeader("Cache-Control", "no-cache").putHeader("X-Accel-Buffering", "no");
    SECURITY_HEADERS.forEach(response::putHeader);
    LogSink sink = new LogSink() {
      @Override
      public void line(String line) {
        send("message", line);
      }

      @Override
      public void status(String status) {
        send("status", status);
      }

      @Override
      public void end(String why) {
        send("end", why);
        vertx.runOnContext(v -> {
          if (!closed.get()) {
            response.end();
          }
        });
      }

      @Override
      public boolean closed() {
        return closed.get();
      }

      @Override
      public void onClose(Runnable action) {
        onClose.add(action);
        if (closed.get()) {
          quietly(action);
        }
      }

      private void send(String event, String data) {
        StringBuilder frame = new StringBuilder();
        if (!"message".equals(event)) {
          frame.append("event: ").append(event).append('\n');
        }
        // A line break inside data would end the field: each part is a data line, joined again by the browser.
        for (String part : data.split("\r\n|\r|\n", -1)) {
          frame.append("data: ").append(part).append('\n');
        }
        String text = frame.append('\n').toString();
        vertx.runOnContext(v -> {
          if (!closed.get()) {
            response.write(text);
          }
        });
      }
    };
    try {
      // Off the event loop from the start: finding the newest attempt may read a large run's node table.
      logThreads.execute(() -> {
        Optional<Dashboard.LogStream> stream = dashboard.logStream(asked);
        try {
          if (stream.isEmpty()) {
            sink.end("No run, or no log stream, at " + asked.path());
            return;
          }
          logs.follow(stream.get().namespace(), stream.get().run(), stream.get().node(), stream.get().attempt(), sink);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
          LOG.warn("Following the log at {} failed", asked.path(), e);
          sink.end("The log could not be read: " + e.getMessage());
        }
      });
    } catch (RejectedExecutionException e) {
      sink.end("Too many logs are followed at once (" + MAX_LOG_STREAMS + "): close one and reload.");
    }
  }

  private static void quietly(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.debug("Closing a log stream failed: {}", e.toString());
    }
  }

  private static void respond(HttpServerRequest request, DashboardResponse response, byte[] body) {
    HttpServerResponse out = request.response().setStatusCode(response.status())
        .putHeader("Content-Type", response.contentType());
    SECURITY_HEADERS.forEach(out::putHeader);
    response.headers().forEach(out::putHeader);
    if ("HEAD".equals(request.method().name())) {
      out.end();
    } else {
      out.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
  }

  private static Map<String, String> firstValues(MultiMap values) {
    Map<String, String> first = new HashMap<>();
    values.forEach(entry -> first.putIfAbsent(entry.getKey(), entry.getValue()));
    return first;
  }

  private static List<String> groups(String header) {
    return header == null ? List.of()
        : Arrays.stream(header.split(",")).map(String::trim).filter(group -> !group.isEmpty()).toList();
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardServer.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the operator's jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    logThreads.shutdownNow();
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(LISTEN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .exceptionally(e -> null).join();
  }
}
