package io.flowline.api;

public enum RunPhase {
  Pending,
  Queued,
  Running,
  Paused,
  Stopping,
  Succeeded,
  Failed,
  Cancelled;

  public boolean isFinished() {
    return this == Succeeded || this == Failed || this == Cancelled;
  }
}
