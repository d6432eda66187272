package io.flowline.api;

public enum NodePhase {
  Pending,
  Waiting,
  Running,
  Succeeded,
  Failed,
  Skipped,
  Cancelled;

  public boolean isFinished() {
    return this == Succeeded || this == Failed || this == Skipped || this == Cancelled;
  }
}
