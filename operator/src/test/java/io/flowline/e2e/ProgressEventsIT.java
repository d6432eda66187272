package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With FLOWLINE_RUN_EVENTS and FLOWLINE_NODE_EVENTS on, a run's progress is told as Events too. */
class ProgressEventsIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of("FLOWLINE_RUN_EVENTS", "true",
      "FLOWLINE_NODE_EVENTS", "true"));

  private static final Duration EVENT_DEADLINE = Duration.ofSeconds(30);

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  @Test
  void succeededRunRecordsItsStartEachNodesStartAndSuccessAndItsEnd() {
    String hello = Example.HELLO.apply(env);
    runs.awaitFinished(hello);
    env.await("progress events on run " + hello).atMost(EVENT_DEADLINE)
        .untilAsserted(() -> assertThat(events.reasonsOn("PipelineRun", hello))
            .contains("Started", "NodeStarted", "NodeSucceeded", "Succeeded"));
  }
}
