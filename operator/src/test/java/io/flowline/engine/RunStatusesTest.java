package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunStatusesTest {
  private static final Instant NOW = Instant.parse("2025-08-22T10:00:00Z");

  @Test
  void aRunThatEndsBeforeStartingGetsACompletionTimeButNoStartTime() {
    PipelineRunStatus status = new PipelineRunStatus();

    RunStatuses.finish(status, RunPhase.Failed, "InvalidParams", "spec.params.date: required param is missing", NOW);

    assertThat(status.getStartTime()).isNull();
    assertThat(status.getCompletionTime()).isEqualTo(Timestamps.format(NOW));
    assertThat(status.getPhase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void aStartedRunKeepsItsStartTimeWhenItEnds() {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setStartTime(Timestamps.format(NOW.minusSeconds(60)));

    RunStatuses.finish(status, RunPhase.Succeeded, "Succeeded", "all nodes succeeded", NOW);

    assertThat(status.getStartTime()).isEqualTo(Timestamps.format(NOW.minusSeconds(60)));
  }

  @Test
  void aHugeMessageIsCutInTheMiddleInStatusAndCondition() {
    PipelineRunStatus status = new PipelineRunStatus();
    String problems = "spec.nodes[0].image: is required; " + "x".repeat(100_000) + "; last problem";

    RunStatuses.finish(status, RunPhase.Failed, "PipelineInvalid", problems, NOW);

    assertThat(status.getMessage()).hasSizeLessThanOrEqualTo(RunStatuses.MESSAGE_LIMIT)
        .startsWith("spec.nodes[0].image: is required").endsWith("last problem");
    assertThat(status.getConditions().get(0).getMessage()).isEqualTo(status.getMessage());
  }
}
