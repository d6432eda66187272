package io.flowline.engine;

/**
 * A Kubernetes Event the reconciler emits once the status it describes has been written.
 *
 * @param detail which setting lets it through: each Event is an API write, so what status already shows is
 *     emitted only when asked for
 */
public record PlannedEvent(boolean warning, String reason, String message, Detail detail) {
  /** What an Event adds to status, and so when it is worth a write. */
  public enum Detail {
    /** Something went wrong or was refused: always emitted. */
    ALWAYS,
    /** A run started or succeeded: phase and times in status say it (FLOWLINE_RUN_EVENTS). */
    RUN_PROGRESS,
    /** A node started or succeeded: the node table says it (FLOWLINE_NODE_EVENTS). */
    NODE_PROGRESS
  }

  public static PlannedEvent normal(String reason, String message) {
    return new PlannedEvent(false, reason, message, Detail.ALWAYS);
  }

  public static PlannedEvent warning(String reason, String message) {
    return new PlannedEvent(true, reason, message, Detail.ALWAYS);
  }

  public static PlannedEvent runProgress(String reason, String message) {
    return new PlannedEvent(false, reason, message, Detail.RUN_PROGRESS);
  }

  public static PlannedEvent nodeProgress(String reason, String message) {
    return new PlannedEvent(false, reason, message, Detail.NODE_PROGRESS);
  }
}
