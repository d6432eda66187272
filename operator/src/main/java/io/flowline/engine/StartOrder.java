package io.flowline.engine;

import java.time.Instant;
import java.util.Comparator;

/**
 * Orders of runs competing for the pipeline's slots. Ties end at the name, which is unique among a pipeline's
 * runs, so every reconcile computes the same order whatever order the cache lists the runs in.
 */
final class StartOrder {
  private static final Comparator<Instant> OLDEST_FIRST = Comparator.nullsFirst(Comparator.naturalOrder());

  /**
   * Older first, then by name. Creation timestamps have one-second precision, so ties are common; the order must
   * not depend on anything that changes as a run starts, or a Replace decision taken while a run waited would flip
   * once it runs.
   */
  static final Comparator<ContendingRun> ARRIVAL = Comparator
      .comparing(ContendingRun::createdAt, OLDEST_FIRST)
      .thenComparing(ContendingRun::name, Comparator.nullsFirst(Comparator.naturalOrder()));

  /** The queue: higher spec.priority first, then {@link #ARRIVAL}. */
  static final Comparator<ContendingRun> QUEUE = Comparator
      .comparingInt(ContendingRun::effectivePriority).reversed()
      .thenComparing(ARRIVAL);

  private StartOrder() {
  }
}
