package io.flowline.reconciler;

import io.flowline.api.PipelineRun;
import java.util.Optional;

/** The Pipeline a run refers to by name; empty for a run with an inline pipelineSpec (or a malformed one). */
public final class PipelineRefs {
  private PipelineRefs() {
  }

  public static Optional<String> nameOf(PipelineRun run) {
    return run.getSpec() == null || run.getSpec().getPipelineRef() == null
        ? Optional.empty() : Optional.ofNullable(run.getSpec().getPipelineRef().getName());
  }
}
