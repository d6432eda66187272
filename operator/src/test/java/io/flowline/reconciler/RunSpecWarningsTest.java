package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineSpec;
import io.flowline.engine.PlannedEvent;
import org.junit.jupiter.api.Test;

class RunSpecWarningsTest {
  @Test
  void suspendFalseIsWhatNotSettingItMeansAndWarnsNothing() {
    PipelineSpec spec = new PipelineSpec();
    spec.setSuspend(false);

    assertThat(RunSpecWarnings.forPipeline(spec)).isEmpty();
  }

  @Test
  void suspendTrueWarnsThatItIsNotImplemented() {
    PipelineSpec spec = new PipelineSpec();
    spec.setSuspend(true);

    assertThat(RunSpecWarnings.forPipeline(spec)).singleElement().satisfies(event -> {
      assertThat(event.reason()).isEqualTo(RunSpecWarnings.NOT_IMPLEMENTED);
      assertThat(event.message()).contains("spec.suspend");
    }).extracting(PlannedEvent::warning).isEqualTo(true);
  }
}
