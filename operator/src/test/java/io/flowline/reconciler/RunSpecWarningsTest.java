package io.flowline.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineRunSpec;
import io.flowline.engine.PlannedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunSpecWarningsTest {
  @Test
  void implementedControlFieldsWarnNothing() {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setState(DesiredRunState.Paused);

    assertThat(RunSpecWarnings.forRun(spec)).isEmpty();
  }

  @Test
  void skipNodesWarnsThatItIsNotImplemented() {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setSkipNodes(List.of("load"));

    assertThat(RunSpecWarnings.forRun(spec)).singleElement().satisfies(event -> {
      assertThat(event.reason()).isEqualTo(RunSpecWarnings.NOT_IMPLEMENTED);
      assertThat(event.message()).contains("spec.skipNodes");
    }).extracting(PlannedEvent::warning).isEqualTo(true);
  }
}
