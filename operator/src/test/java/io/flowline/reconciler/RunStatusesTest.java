package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineRunStatus;
import io.flowline.api.RunPhase;
import io.flowline.engine.Timestamps;
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
}
