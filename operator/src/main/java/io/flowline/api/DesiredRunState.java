package io.flowline.api;

public enum DesiredRunState {
  Running,
  Paused,
  Stopped,
  Cancelled
}
