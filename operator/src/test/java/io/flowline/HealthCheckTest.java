package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTest {
  @Test
  void allOfIsHealthyWhenEveryCheckIs() {
    HealthCheck all = HealthCheck.allOf(List.of(Optional::empty, Optional::empty));

    assertThat(all.problem()).isEmpty();
  }

  @Test
  void allOfNamesEveryProblemInOrder() {
    HealthCheck all = HealthCheck.allOf(List.of(() -> Optional.of("informers down"), Optional::empty,
        () -> Optional.of("API silent")));

    assertThat(all.problem()).contains("informers down; API silent");
  }
}
