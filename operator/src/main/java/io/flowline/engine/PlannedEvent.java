package io.flowline.engine;

/** A Kubernetes Event the reconciler emits on the run once the status it describes has been written. */
public record PlannedEvent(boolean warning, String reason, String message) {
  public static PlannedEvent normal(String reason, String message) {
    return new PlannedEvent(false, reason, message);
  }

  public static PlannedEvent warning(String reason, String message) {
    return new PlannedEvent(true, reason, message);
  }
}
