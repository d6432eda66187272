package io.flowline.reconciler;

import io.flowline.api.PipelineRunSpec;
import io.flowline.engine.PlannedEvent;
import java.util.ArrayList;
import java.util.List;

/** Warnings for fields that are in the schema but not implemented yet: set, they must not be silently ignored. */
final class RunSpecWarnings {
  static final String NOT_IMPLEMENTED = "NotImplemented";

  private RunSpecWarnings() {
  }

  static List<PlannedEvent> forRun(PipelineRunSpec spec) {
    List<String> fields = new ArrayList<>();
    if (spec != null) {
      if (spec.getRetry() != null && spec.getRetry() > 0) {
        fields.add("spec.retry");
      }
      if (!spec.getSkipNodes().isEmpty()) {
        fields.add("spec.skipNodes");
      }
    }
    return warning(fields);
  }

  private static List<PlannedEvent> warning(List<String> fields) {
    if (fields.isEmpty()) {
      return List.of();
    }
    return List.of(PlannedEvent.warning(NOT_IMPLEMENTED,
        "not yet implemented, ignored: " + String.join(", ", fields)));
  }
}
