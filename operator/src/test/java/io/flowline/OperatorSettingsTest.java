package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.engine.PlannedEvent.Detail;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
  @Test
  void byDefaultOnlyEventsThatStatusDoesNotShowAreEmitted() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).eventDetails()).containsExactly(Detail.ALWAYS);
  }

  @Test
  void runAndNodeProgressEventsAreTurnedOnSeparately() {
    assertThat(OperatorSettings.fromEnvironment(Map.of("FLOWLINE_RUN_EVENTS", "true")).eventDetails())
        .containsExactlyInAnyOrder(Detail.ALWAYS, Detail.RUN_PROGRESS);
    assertThat(OperatorSettings.fromEnvironment(Map.of("FLOWLINE_NODE_EVENTS", "true")).eventDetails())
        .containsExactlyInAnyOrder(Detail.ALWAYS, Detail.NODE_PROGRESS);
  }
}
