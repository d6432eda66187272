package io.flowline.api;

/** Pipeline states with their contract codes; declaration order is not precedence (see PipelineStateResolver). */
public enum PipelineState {
  Invalid(-1),
  Idle(0),
  Starting(1),
  Running(2),
  Stopping(3),
  Sleeping(4);

  private final int code;

  PipelineState(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
