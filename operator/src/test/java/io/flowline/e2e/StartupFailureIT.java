package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator that cannot start ends its process with a non-zero code, so it is restarted, instead of staying
 * up with the threads the failed start left behind (the health server's, the client's) and doing nothing.
 */
class StartupFailureIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();

  /** The client gives up connecting within seconds; JOSDK then fails the start of its informers. */
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

  @Test
  void anOperatorThatCannotReachTheApiServerAtStartExitsWithANonZeroCode() {
    // Nothing listens there: every connection is refused.
    String nowhere = "https://127.0.0.1:" + HealthEndpoint.freePort();
    OperatorProcess operator = env.startOperator(OperatorOptions.defaults()
        .withKubeconfig(env.kubeconfigWithServer(nowhere))
        .withHealthPort(HealthEndpoint.freePort()));

    Optional<Integer> exitCode = operator.exitCodeWithin(EXIT_WITHIN);

    assertThat(exitCode).as("exit code within %s", EXIT_WITHIN).isPresent();
    assertThat(exitCode.get()).as("exit code").isEqualTo(1);
    assertThat(operator.logText()).contains("Flowline operator failed to start");
  }
}
