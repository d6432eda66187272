package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.RetrySpec;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static RetrySpec retry(String delay, Double factor, String maxDelay) {
    RetrySpec retry = new RetrySpec(5, delay);
    retry.setBackoffFactor(factor);
    retry.setMaxDelay(maxDelay);
    return retry;
  }

  @Test
  void retryLimitDefaultsToZero() {
    assertThat(RetryPolicy.retryLimit(null)).isZero();
    assertThat(RetryPolicy.retryLimit(new RetrySpec())).isZero();
    assertThat(RetryPolicy.retryLimit(new RetrySpec(2, null))).isEqualTo(2);
    assertThat(RetryPolicy.retryLimit(new RetrySpec(-3, null))).isZero();
  }

  @Test
  void keepsTheDelayConstantWithoutBackoffFactor() {
    RetrySpec retry = retry("30s", null, null);
    assertThat(RetryPolicy.delayBeforeRetry(retry, 1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(RetryPolicy.delayBeforeRetry(retry, 4)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void multipliesTheDelayByTheFactorForEachFurtherRetry() {
    RetrySpec retry = retry("10s", 2.0, null);
    assertThat(RetryPolicy.delayBeforeRetry(retry, 1)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryPolicy.delayBeforeRetry(retry, 2)).isEqualTo(Duration.ofSeconds(20));
    assertThat(RetryPolicy.delayBeforeRetry(retry, 3)).isEqualTo(Duration.ofSeconds(40));
    assertThat(RetryPolicy.delayBeforeRetry(retry("1s", 1.5, null), 3)).isEqualTo(Duration.ofMillis(2250));
  }

  @Test
  void capsTheDelayAtMaxDelay() {
    RetrySpec retry = retry("10s", 2.0, "5m");
    assertThat(RetryPolicy.delayBeforeRetry(retry, 5)).isEqualTo(Duration.ofSeconds(160));
    assertThat(RetryPolicy.delayBeforeRetry(retry, 6)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryPolicy.delayBeforeRetry(retry, 100)).isEqualTo(Duration.ofMinutes(5));
    assertThat(RetryPolicy.delayBeforeRetry(retry("10m", null, "5m"), 1)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void neverOverflowsForLargeRetryNumbers() {
    Duration huge = RetryPolicy.delayBeforeRetry(retry("10s", 10.0, ""), Integer.MAX_VALUE);
    assertThat(huge).isEqualTo(RetryPolicy.UNBOUNDED_CAP);
    assertThat(huge.toNanos()).isPositive();
    assertThat(RetryPolicy.delayBeforeRetry(retry("10s", 2.0, null), 1000)).isEqualTo(RetryPolicy.UNBOUNDED_CAP);
  }

  @Test
  void givesZeroWithoutRetryDelayOrForRetryNumbersBelowOne() {
    assertThat(RetryPolicy.delayBeforeRetry(null, 1)).isZero();
    assertThat(RetryPolicy.delayBeforeRetry(retry(null, 2.0, "5m"), 3)).isZero();
    assertThat(RetryPolicy.delayBeforeRetry(retry("", 2.0, null), 3)).isZero();
    assertThat(RetryPolicy.delayBeforeRetry(retry("10s", 2.0, null), 0)).isZero();
  }

  @Test
  void toleratesInvalidValuesInsteadOfThrowing() {
    assertThat(RetryPolicy.delayBeforeRetry(retry("soon", 2.0, null), 2)).isZero();
    assertThat(RetryPolicy.delayBeforeRetry(retry("10s", 0.5, null), 3)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryPolicy.delayBeforeRetry(retry("10s", Double.NaN, null), 3)).isEqualTo(Duration.ofSeconds(10));
    assertThat(RetryPolicy.delayBeforeRetry(retry("10s", 2.0, "never"), 2)).isEqualTo(Duration.ofSeconds(20));
  }
}
