package io.flowline.engine;

import java.util.List;

/**
 * What the concurrency gate decided for a run that has not started.
 *
 * @param queuePosition 1-based place in the queue for {@link Verdict#QUEUE} (1 = starts next), 0 otherwise
 * @param runsToCancel for {@link Verdict#REPLACE}: the Running or Paused runs to cancel, oldest first; empty otherwise
 * @param message for the run's status and Events; null for {@link Verdict#START}
 */
public record Admission(Verdict verdict, int queuePosition, List<String> runsToCancel, String message) {
  /** The reason of the Succeeded condition of a run that ends without starting because of the limit. */
  public static final String REASON = "ConcurrencyLimit";

  public enum Verdict {
    /** Start now: a slot is free, or the pipeline is unlimited. */
    START,
    /** Phase Queued at {@code queuePosition}; decide again when a run of the pipeline changes. */
    QUEUE,
    /** End Cancelled without starting, reason {@link #REASON}, with {@code message}. */
    FORBID,
    /** Start now and cancel {@code runsToCancel}; cancelling a run twice must be harmless to the caller. */
    REPLACE
  }

  public Admission {
    runsToCancel = List.copyOf(runsToCancel);
  }

  public static Admission start() {
    return new Admission(Verdict.START, 0, List.of(), null);
  }

  static Admission queue(int position, String message) {
    return new Admission(Verdict.QUEUE, position, List.of(), message);
  }

  static Admission forbid(String message) {
    return new Admission(Verdict.FORBID, 0, List.of(), message);
  }

  static Admission replace(List<String> runsToCancel, String message) {
    return new Admission(Verdict.REPLACE, 0, runsToCancel, message);
  }

  /** Whether the run starts now (START or REPLACE). */
  public boolean starts() {
    return verdict == Verdict.START || verdict == Verdict.REPLACE;
  }
}
