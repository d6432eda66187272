package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ApiReachabilityTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final ManualClock clock = new ManualClock();
  private final List<CompletableFuture<Object>> calls = new ArrayList<>();
  private final ApiReachability api = new ApiReachability(() -> {
    CompletableFuture<Object> call = new CompletableFuture<>();
    calls.add(call);
    return call;
  }, clock, TIMEOUT, STALE_AFTER);

  @Test
  void healthyAtCreationSoTheFirstProbeHasItsTime() {
    assertThat(api.problem()).isEmpty();
  }

  @Test
  void staysHealthyWhileAnswersKeepComing() {
    for (int i = 0; i < 10; i++) {
      api.probe();
      calls.get(i).complete("v1.20");
      clock.advance(Duration.ofSeconds(5));
    }

    assertThat(api.problem()).isEmpty();
  }

  @Test
  void unhealthyOnceTheLastAnswerIsOlderThanTheLimitNamingTheLastFailure() {
    api.probe();
    calls.get(0).completeExceptionally(new IOException("Connection refused"));
    clock.advance(STALE_AFTER);
    assertThat(api.problem()).as("at the limit").isEmpty();

    clock.advance(Duration.ofSeconds(1));

    assertThat(api.problem()).hasValueSatisfying(problem -> assertThat(problem)
        .contains("no answer from the API server for 31 s").contains("IOException: Connection refused"));
  }

  @Test
  void aProbeThatNeverAnswersIsGivenUpAndReplaced() {
    api.probe();
    clock.advance(Duration.ofSeconds(5));
    api.probe();
    assertThat(calls).as("no second probe while the first may still answer").hasSize(1);

    clock.advance(TIMEOUT);
    api.probe();

    assertThat(calls).hasSize(2);
    assertThat(calls.get(0)).isCancelled();
    clock.advance(STALE_AFTER);
    assertThat(api.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("no answer within 10 s"));
  }

  @Test
  void recoversWithTheNextAnswer() {
    api.probe();
    calls.get(0).completeExceptionally(new IOException("Connection refused"));
    clock.advance(Duration.ofMinutes(2));
    assertThat(api.problem()).isPresent();

    api.probe();
    calls.get(1).complete("v1.20");

    assertThat(api.problem()).isEmpty();
  }

  @Test
  void aCallThatThrowsCountsAsAFailedProbe() {
    ApiReachability throwing = new ApiReachability(() -> {
      throw new IllegalStateException("client closed");
    }, clock, TIMEOUT, STALE_AFTER);

    throwing.probe();
    clock.advance(STALE_AFTER.plusSeconds(1));

    assertThat(throwing.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("client closed"));
  }

  private static final class ManualClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
