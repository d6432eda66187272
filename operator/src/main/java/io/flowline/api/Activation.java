package io.flowline.api;

public enum Activation {
  Manual,
  Auto
}
