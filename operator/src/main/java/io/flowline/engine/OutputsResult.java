package io.flowline.engine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Outputs read from a node's termination message, or why the node fails instead.
 *
 * @param outputs declared output name to value, in declaration order; empty when the node fails
 * @param failureReason null when fine, else {@code OutputsTooLarge} or {@code OutputsMissing}
 * @param failureMessage null when fine, else a text for the node's status message
 */
public record OutputsResult(Map<String, String> outputs, String failureReason, String failureMessage) {
  public static final String OUTPUTS_TOO_LARGE = "OutputsTooLarge";
  public static final String OUTPUTS_MISSING = "OutputsMissing";

  public OutputsResult {
    outputs = outputs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
  }

  public boolean ok() {
    return failureReason == null;
  }
}
