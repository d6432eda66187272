package io.flowline.engine;

import io.flowline.api.RetrySpec;
import java.time.Duration;

/**
 * Retry arithmetic of the contract: {@code limit} counts retries (limit 2 = up to 3 attempts) and retry n
 * waits min(delay × backoffFactor^(n-1), maxDelay).
 *
 * <p>Runs execute snapshots that were validated, but this code runs in the reconcile loop, where an
 * exception would loop forever, so it never throws on a bad spec: an unreadable delay counts as 0, an
 * unreadable maxDelay as no bound, a backoffFactor below 1 (or not a number) as 1, a negative limit as 0.
 */
public final class RetryPolicy {
  /**
   * Bound of a delay without maxDelay. 100 years is "never" for a retry, yet leaves room for callers to
   * add it to an Instant or take toNanos() without overflow.
   */
  static final Duration UNBOUNDED_CAP = Duration.ofDays(36_525);

  private RetryPolicy() {
  }

  /** How many retries may follow the first attempt; 0 without a retry spec. */
  public static int retryLimit(RetrySpec retry) {
    if (retry == null || retry.getLimit() == null) {
      return 0;
    }
    return Math.max(0, retry.getLimit());
  }

  /**
   * The wait before retry {@code n} (1 for the first retry, i.e. the second attempt), counted from the failed
   * attempt's completion. Zero for n below 1, a null retry or no delay.
   */
  public static Duration delayBeforeRetry(RetrySpec retry, int n) {
    if (retry == null || n < 1) {
      return Duration.ZERO;
    }
    Duration delay = parseOr(retry.getDelay(), Duration.ZERO);
    Duration cap = parseOr(retry.getMaxDelay(), UNBOUNDED_CAP);
    if (cap.compareTo(UNBOUNDED_CAP) > 0) {
      cap = UNBOUNDED_CAP;
    }
    if (delay.compareTo(cap) >= 0) {
      return cap;
    }
    Double factor = retry.getBackoffFactor();
    double multiplier = factor == null || !(factor >= 1) ? 1 : Math.pow(factor, n - 1);
    // Doubles overflow to Infinity rather than wrap, which the comparison below turns into the cap.
    double nanos = delay.toNanos() * multiplier;
    if (!(nanos < cap.toNanos())) {
      return cap;
    }
    return Duration.ofNanos(Math.round(nanos));
  }

  private static Duration parseOr(String text, Duration fallback) {
    try {
      return text == null || text.isBlank() ? fallback : GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
