package io.flowline.engine;

/**
 * A Kubernetes Event the reconciler emits once the status it describes has been written.
 *
 * @param progress a per-node start or success: already visible in status, so emitted only when the operator is
 *     set to (each Event is an API write, and a big run has thousands of nodes)
 */
public record PlannedEvent(boolean warning, String reason, String message, boolean progress) {
  public static PlannedEvent normal(String reason, String message) {
    return new PlannedEvent(false, reason, message, false);
  }

  public static PlannedEvent warning(String reason, String message) {
    return new PlannedEvent(true, reason, message, false);
  }

  public static PlannedEvent progress(String reason, String message) {
    return new PlannedEvent(false, reason, message, true);
  }
}
