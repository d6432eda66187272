package io.flowline.api;

public enum ConcurrencyPolicy {
  Queue,
  Forbid,
  Replace
}
