package io.flowline;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the operator's own Kubernetes client still gets answers: a cheap request sent through the same HTTP
 * client every few seconds. Informers can look healthy while their connections are dead (the client keeps
 * reconnecting watches internally, and a client whose selector thread died never times out at all), so only an
 * answer proves the client works. Unhealthy when the last answer is older than {@code staleAfter}.
 */
final class ApiReachability implements HealthCheck, AutoCloseable {
  static final Duration INTERVAL = Duration.ofSeconds(5);
  static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
  static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(ApiReachability.class);

  private final Supplier<CompletableFuture<?>> call;
  private final Clock clock;
  private final Duration probeTimeout;
  private final Duration staleAfter;
  private ScheduledExecutorService scheduler;

  // Written by the probe's completion (an HTTP client thread), read by the health server.
  private volatile Instant lastAnswer;
  private volatile String lastFailure;
  private CompletableFuture<?> inFlight;
  private Instant inFlightSince;

  /** Counts as answered at creation, so the first probe has its full time before liveness fails. */
  ApiReachability(Supplier<CompletableFuture<?>> call, Clock clock, Duration probeTimeout, Duration staleAfter) {
    this.call = call;
    this.clock = clock;
    this.probeTimeout = probeTimeout;
    this.staleAfter = staleAfter;
    this.lastAnswer = clock.instant();
  }

  /** Probes GET /version through the client's own HTTP client. */
  static ApiReachability of(KubernetesClient client, Clock clock) {
    // No retries: a retrying request would hide for minutes that nothing answers. The derived client shares the
    // connection pool and selector thread of the one the operator uses, which is what is being checked.
    HttpClient http = client.getHttpClient().newBuilder()
        .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig())
            .withRequestRetryBackoffLimit(0).build())
        .build();
    String url = client.getMasterUrl().toString().replaceFirst("/?$", "/version");
    return new ApiReachability(() -> {
      HttpRequest request = http.newHttpRequestBuilder().uri(url)
          .timeout(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).build();
      return http.sendAsync(request, String.class).thenApply(ApiReachability::requireSuccess);
    }, clock, PROBE_TIMEOUT, STALE_AFTER);
  }

  private static HttpResponse<String> requireSuccess(HttpResponse<String> response) {
    if (!response.isSuccessful()) {
      throw new KubernetesClientException("GET /version answered HTTP " + response.code());
    }
    return response;
  }

  /** Probes every {@link #INTERVAL} on a daemon thread of its own until closed. */
  synchronized ApiReachability start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "flowline-api-probe");
      thread.setDaemon(true);
      return thread;
    });
    scheduler.scheduleWithFixedDelay(this::probe, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Sends a probe unless one is still waiting for its answer; one waiting too long is given up. */
  synchronized void probe() {
    Instant now = clock.instant();
    if (inFlight != null && !inFlight.isDone()) {
      if (Duration.between(inFlightSince, now).compareTo(probeTimeout) < 0) {
        return;
      }
      inFlight.cancel(true);
      lastFailure = "no answer within " + probeTimeout.toSeconds() + " s";
    }
    inFlightSince = now;
    try {
      inFlight = call.get();
      inFlight.whenComplete((answer, failure) -> {
        if (failure == null) {
          lastAnswer = clock.instant();
          lastFailure = null;
        } else {
          lastFailure = describe(failure);
        }
      });
    } catch (RuntimeException e) {
      inFlight = null;
      lastFailure = describe(e);
    }
  }

  @Override
  public Optional<String> problem() {
    Instant answered = lastAnswer;
    Duration silence = Duration.between(answered, clock.instant());
    if (silence.compareTo(staleAfter) <= 0) {
      return Optional.empty();
    }
    String failure = lastFailure;
    String problem = "no answer from the API server for " + silence.toSeconds() + " s"
        + (failure == null ? "" : " (last probe: " + failure + ")");
    LOG.debug("Liveness: {}", problem);
    return Optional.of(problem);
  }

  private static String describe(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
