package io.flowline.e2e;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the trusted authenticating proxy in front of the dashboard (oauth2-proxy and the like): every
 * request on its own local port goes to the dashboard with {@code X-Forwarded-User} and {@code X-Forwarded-Groups}
 * set to a fixed user, whatever the client sent. Responses come back as they are: redirects are not followed
 * (the browser follows them, through the proxy), bodies are copied as they arrive so Server-Sent Events stream.
 */
public final class AuthProxy implements AutoCloseable {
  static final String USER_HEADER = "X-Forwarded-User";
  static final String GROUPS_HEADER = "X-Forwarded-Groups";
  /** Hop-by-hop headers, those java.net.http sets itself, and the identity only this proxy may assert. */
  private static final Set<String> NOT_FORWARDED = Set.of("host", "connection", "content-length", "expect",
      "upgrade", "http2-settings", "keep-alive", "transfer-encoding", "te", "trailer", "proxy-connection",
      USER_HEADER.toLowerCase(Locale.ROOT), GROUPS_HEADER.toLowerCase(Locale.ROOT));
  private static final Set<String> NOT_RETURNED = Set.of("connection", "content-length", "keep-alive",
      "transfer-encoding", "te", "trailer", "upgrade");
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  private final int targetPort;
  private final String user;
  private final String groups;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
    Thread thread = new Thread(runnable, "auth-proxy");
    thread.setDaemon(true);
    return thread;
  });
  // HTTP/1.1: the default would offer the dashboard an h2c upgrade. Redirects: never followed (the default).
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(CONNECT_TIMEOUT).build();

  private AuthProxy(int targetPort, String user, String groups) throws IOException {
    this.targetPort = targetPort;
    this.user = user;
    this.groups = groups;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::forward);
    // One thread per exchange: a followed log (SSE) holds its thread as long as the page is open.
    server.setExecutor(executor);
    server.start();
  }

  /**
   * A proxy on a free loopback port to 127.0.0.1:{@code targetPort} as {@code user}; {@code groups} is the
   * comma-separated header value, or null to send no groups header.
   */
  public static AuthProxy start(int targetPort, String user, String groups) {
    try {
      return new AuthProxy(targetPort, user, groups);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the auth proxy", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The proxy's address for PATH, e.g. {@code url("/")}. */
  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      HttpResponse<InputStream> response;
      try {
        response = http.send(upstreamRequest(exchange), HttpResponse.BodyHandlers.ofInputStream());
      } catch (IOException e) {
        byte[] message = ("auth proxy: dashboard not reachable: " + e).getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(502, message.length);
        exchange.getResponseBody().write(message);
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try (InputStream body = response.body()) {
        Headers headers = exchange.getResponseHeaders();
        response.headers().map().forEach((name, values) -> {
          if (!NOT_RETURNED.contains(name.toLowerCase(Locale.ROOT))) {
            headers.put(name, name.equalsIgnoreCase("Location") ? values.stream().map(this::toProxy).toList()
                : List.copyOf(values));
          }
        });
        boolean noBody = "HEAD".equals(exchange.getRequestMethod()) || response.statusCode() == 204
            || response.statusCode() == 304;
        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        // sendResponseHeaders: -1 = no body, 0 = chunked (length unknown, e.g. an event stream).
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : length > 0 ? length : length == 0 ? -1 : 0);
        if (!noBody) {
          copyAsItArrives(body, exchange.getResponseBody());
        }
      }
    }
  }

  private HttpRequest upstreamRequest(HttpExchange exchange) throws IOException {
    URI uri = exchange.getRequestURI();
    String pathAndQuery = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    byte[] body = exchange.getRequestBody().readAllBytes();
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + targetPort + pathAndQuery))
        .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        header.getValue().forEach(value -> request.header(header.getKey(), value));
      }
    }
    request.header(USER_HEADER, user);
    if (groups != null) {
      request.header(GROUPS_HEADER, groups);
    }
    String host = exchange.getRequestHeaders().getFirst("Host");
    if (host != null) {
      request.header("X-Forwarded-Host", host);
    }
    return request.header("X-Forwarded-Proto", "http").build();
  }

  /** An absolute redirect to the dashboard itself would leave the proxy: point it back at the proxy. */
  private String toProxy(String location) {
    for (String direct : List.of("http://127.0.0.1:" + targetPort, "http://localhost:" + targetPort)) {
      if (location.startsWith(direct)) {
        return "http://127.0.0.1:" + port() + location.substring(direct.length());
      }
    }
    return location;
  }

  /** Writes each piece as soon as it is read and flushes it (a chunk on the wire): no buffering of the whole. */
  private static void copyAsItArrives(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[8192];
    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
      out.write(buffer, 0, read);
      out.flush();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    // Interrupts the threads still copying a followed log.
    executor.shutdownNow();
  }
}
