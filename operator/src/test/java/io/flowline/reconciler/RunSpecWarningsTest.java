package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineRunSpec;
import io.flowline.engine.PlannedEvent;
import org.junit.jupiter.api.Test;

class RunSpecWarningsTest {
  @Test
  void stateRunningIsWhatNotSettingItMeansAndWarnsNothing() {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setState(DesiredRunState.Running);

    assertThat(RunSpecWarnings.forRun(spec)).isEmpty();
  }

  @Test
  void anotherDesiredStateWarnsThatItIsNotImplemented() {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setState(DesiredRunState.Paused);

    assertThat(RunSpecWarnings.forRun(spec)).singleElement().satisfies(event -> {
      assertThat(event.reason()).isEqualTo(RunSpecWarnings.NOT_IMPLEMENTED);
      assertThat(event.message()).contains("spec.state");
    }).extracting(PlannedEvent::warning).isEqualTo(true);
  }
}
