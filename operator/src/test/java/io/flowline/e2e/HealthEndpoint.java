package io.flowline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The operator's /healthz and /readyz as the kubelet sees them: a status code and a body. */
final class HealthEndpoint {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  /** What a probe got; status -1 when nothing answered (not listening yet, or the process is gone). */
  record Answer(int status, String body) {
    @Override
    public String toString() {
      return status + " " + body.strip();
    }
  }

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  HealthEndpoint(int port) {
    this.port = port;
  }

  /** A port free right now, for the operator's health server. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  Answer healthz() {
    return get("/healthz");
  }

  Answer readyz() {
    return get("/readyz");
  }

  private Answer get(String path) {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
          .timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Answer(-1, "interrupted");
    }
  }
}
