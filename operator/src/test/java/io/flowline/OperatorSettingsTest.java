package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowline.engine.PlannedEvent.Detail;
import java.util.Map;
import java.util.Optional;
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

  @Test
  void leaderElectionIsOffUnlessAskedFor() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).lease()).isEmpty();
  }

  @Test
  void leaderElectionUsesTheNamedLeaseOrFlowlineOperatorInTheClientsNamespace() {
    assertThat(OperatorSettings.fromEnvironment(Map.of("FLOWLINE_LEADER_ELECTION", "true")).lease())
        .contains(new OperatorSettings.Lease("flowline-operator", Optional.empty()));
    assertThat(OperatorSettings.fromEnvironment(Map.of("FLOWLINE_LEADER_ELECTION", "true",
        "FLOWLINE_LEASE_NAME", "flowline-a", "FLOWLINE_LEASE_NAMESPACE", "ops")).lease())
        .contains(new OperatorSettings.Lease("flowline-a", Optional.of("ops")));
  }

  @Test
  void logFormatIsTextOrJsonAndAnythingElseIsRefusedByName() {
    assertThat(OperatorSettings.fromEnvironment(Map.of()).logFormat()).isEqualTo("text");
    assertThat(OperatorSettings.fromEnvironment(Map.of("FLOWLINE_LOG_FORMAT", "json")).logFormat())
        .isEqualTo("json");
    assertThatThrownBy(() -> OperatorSettings.fromEnvironment(Map.of("FLOWLINE_LOG_FORMAT", "yaml")))
        .hasMessageContaining("FLOWLINE_LOG_FORMAT").hasMessageContaining("yaml");
  }
}
