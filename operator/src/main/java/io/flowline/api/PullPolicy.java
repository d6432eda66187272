package io.flowline.api;

public enum PullPolicy {
  Always,
  IfNotPresent,
  Never
}
