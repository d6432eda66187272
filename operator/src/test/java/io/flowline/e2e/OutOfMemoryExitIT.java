package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ParamValue;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue item 10, exit half: an operator that runs out of heap ends its process with a non-zero code, so
 * Kubernetes restarts it, instead of staying up with dead threads. The operator runs with a small heap and
 * -XX:+ExitOnOutOfMemoryError (as OperatorProcess, the README and the chart launch it); the test then fills its
 * watched namespace with runs that together are larger than that heap.
 *
 * <p>Deterministic by construction, not by timing: the informer caches hold every run of the namespace (twice,
 * the run controller's and the pipeline controller's) by strong references, so once the runs created exceed the
 * heap, an OutOfMemoryError cannot be avoided, whichever thread it hits first.
 */
class OutOfMemoryExitIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();

  private static final int HEAP_MIB = 48;
  /** A param value per run, well below the API server's 1.5 MiB object limit. */
  private static final int RUN_BYTES = 900 * 1024;
  /** Enough runs that a single cached copy of them is larger than the whole heap; fewer are usually needed. */
  private static final int MAX_RUNS = HEAP_MIB * 1024 * 1024 * 5 / 4 / RUN_BYTES;
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final Duration EXIT_WITHIN = Duration.ofSeconds(90);

  @Test
  void theOperatorExitsWithANonZeroCodeWhenItRunsOutOfMemory() {
    HealthEndpoint health = new HealthEndpoint(HealthEndpoint.freePort());
    OperatorProcess operator = env.startOperator(OperatorOptions.defaults()
        .withJvmArgs("-Xmx" + HEAP_MIB + "m")
        .withHealthPort(health.port()));
    env.await("the operator to start with a " + HEAP_MIB + " MiB heap").atMost(STARTUP)
        .until(health::readyz, answer -> answer.status() == 200);

    String blob = "x".repeat(RUN_BYTES);
    int created = 0;
    Instant deadline = Instant.now().plus(EXIT_WITHIN);
    while (created < MAX_RUNS && operator.isAlive() && Instant.now().isBefore(deadline)) {
      createRun("big-" + created, blob);
      created++;
    }
    Optional<Integer> exitCode = operator.exitCodeWithin(Duration.between(Instant.now(), deadline));
    // The margin, for whoever changes the heap or the operator's footprint.
    System.err.printf("OutOfMemoryExitIT: operator exit code %s after %d of at most %d runs of %d KiB%n",
        exitCode.map(String::valueOf).orElse("(still running)"), created, MAX_RUNS, RUN_BYTES / 1024);

    assertThat(exitCode).as("exit code of the operator within %s after %d runs of %d KiB were created",
        EXIT_WITHIN, created, RUN_BYTES / 1024).isPresent();
    assertThat(exitCode.get()).as("exit code").isNotZero();
    assertThat(operator.logText()).as("the operator log").contains("Terminating due to java.lang.OutOfMemoryError");
  }

  /** Through the API, not kubectl apply: its last-applied annotation would double the size and exceed 256 KiB. */
  private static void createRun(String name, String blob) {
    PipelineRun run = new PipelineRun();
    run.getMetadata().setName(name);
    PipelineRunSpec spec = new PipelineRunSpec();
    // No such pipeline: the runs only need to exist, never to start Jobs on the shared node.
    spec.setPipelineRef(new PipelineRef("no-such-pipeline"));
    spec.setParams(List.of(new ParamValue("blob", blob)));
    run.setSpec(spec);
    env.client().resources(PipelineRun.class).inNamespace(env.namespace()).resource(run).create();
  }
}
