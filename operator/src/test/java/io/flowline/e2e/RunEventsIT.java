package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What goes wrong in a run is told as Kubernetes Events (what `kubectl describe plr` and `kubectl get events`
 * show); progress is in status only, unless the operator is set to emit it (ProgressEventsIT).
 */
class RunEventsIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  /** Events are written after the status they describe; once the run has ended they follow within seconds. */
  private static final Duration EVENT_DEADLINE = Duration.ofSeconds(30);

  private static final Runs runs = new Runs(env);
  private static final Events events = new Events(env);
  private static String hello;
  private static String failing;
  private static String retry;

  @BeforeAll
  static void runExamples() {
    hello = Example.HELLO.apply(env);
    failing = Example.FAILING.apply(env);
    retry = Example.RETRY.apply(env);
  }

  @Test
  void succeededRunRecordsNoEventByDefaultItsStatusSaysItAll() {
    runs.awaitFinished(hello);
    // Proves this operator writes Events, and gives any Event of hello, written right after its status, the time.
    assertEventuallyRecords(failing, "Failed");
    assertThat(events.reasonsOn("PipelineRun", hello)).as("run and node progress is in status, not Events "
        + "(FLOWLINE_RUN_EVENTS and FLOWLINE_NODE_EVENTS are off)").isEmpty();
  }

  @Test
  void failedRunRecordsTheNodeFailureAndTheRunFailure() {
    assertEventuallyRecords(failing, "NodeFailed", "Failed");
  }

  @Test
  void retriedNodeRecordsTheRetry() {
    assertEventuallyRecords(retry, "NodeRetrying");
  }

  private static void assertEventuallyRecords(String run, String... reasons) {
    runs.awaitFinished(run);
    env.await("events " + String.join(", ", reasons) + " on run " + run).atMost(EVENT_DEADLINE)
        .untilAsserted(() -> assertThat(events.reasonsOn("PipelineRun", run)).contains(reasons));
  }
}
