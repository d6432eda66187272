package io.flowline.engine;

import io.flowline.api.ConcurrencyPolicy;
import io.flowline.api.ConcurrencySpec;

/**
 * A pipeline's {@code concurrency}, defaults applied: {@code limit} 0 means unlimited, {@code policy} Queue.
 *
 * <p>The schema forbids a negative limit, but this runs in the reconcile loop, where a throw would loop forever, so
 * a negative limit (or null) reads as unlimited and a null policy as Queue.
 */
public record ConcurrencyRules(int limit, ConcurrencyPolicy policy) {
  public ConcurrencyRules {
    limit = Math.max(0, limit);
    policy = policy == null ? ConcurrencyPolicy.Queue : policy;
  }

  public static ConcurrencyRules unlimited() {
    return new ConcurrencyRules(0, ConcurrencyPolicy.Queue);
  }

  public static ConcurrencyRules of(ConcurrencySpec spec) {
    if (spec == null) {
      return unlimited();
    }
    return new ConcurrencyRules(spec.getLimit() == null ? 0 : spec.getLimit(), spec.getPolicy());
  }

  public boolean isUnlimited() {
    return limit == 0;
  }

  /** "concurrency limit 1, policy Queue": how messages name the rule that held a run back. */
  String describe() {
    return "concurrency limit " + limit + ", policy " + policy;
  }
}
