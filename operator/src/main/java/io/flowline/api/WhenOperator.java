package io.flowline.api;

/** How a {@code when} condition compares its input with its values. */
public enum WhenOperator {
  /** The input equals one of the values. */
  in,
  /** The input equals none of the values. */
  notin
}
