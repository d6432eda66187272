package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import io.flowline.engine.RunNames;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pipelines that start runs by themselves, on real pods: examples/auto (Auto activation) and examples/schedule (an
 * every-minute cron), an operator restart while Sleeping, and suspend.
 */
class TriggersIT {
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment();

  /** examples/auto's sleepTimeout. */
  private static final Duration SLEEP = Duration.ofSeconds(15);
  /** A minute boundary, a pod start and a few seconds of work on a loaded node. */
  private static final Duration ONE_FIRE = Duration.ofSeconds(150);

  private final Runs runs = new Runs(env);

  @BeforeAll
  static void applyTheSuspendedPipelineFirst() {
    // Applied before the other tests, which take well over a minute: by the last test a fire time has passed.
    env.client().resource(env.client().getKubernetesSerialization().unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: suspended}
        spec:
          activation: Auto
          suspend: true
          schedule: {cron: "* * * * *"}
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """, Pipeline.class)).inNamespace(env.namespace()).create();
  }

  @Test
  void autoPipelineCyclesSleepingInBetweenAndAnOperatorRestartWhileSleepingCreatesNoExtraRun() {
    env.apply(example("auto"));
    PipelineRun first = runs.awaitFinished(RunNames.auto("heartbeat", 1));
    assertThat(first.getStatus().getPhase()).as(runs.describe(first)).isEqualTo(RunPhase.Succeeded);
    awaitSleeping("heartbeat");

    PipelineRun second = runs.awaitFinished(RunNames.auto("heartbeat", 2), E2eEnvironment.RUN_DEADLINE.plus(SLEEP));
    assertThat(second.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(Instant.parse(second.getStatus().getStartTime()))
        .as("the second cycle starts sleepTimeout after the first ended")
        .isAfterOrEqualTo(Instant.parse(first.getStatus().getCompletionTime()).plus(SLEEP).minusSeconds(1));
    Pipeline sleeping = awaitSleeping("heartbeat");

    env.stopOperator();
    env.startOperator();
    env.await("the restarted operator to see heartbeat sleeping").atMost(Duration.ofSeconds(60))
        .until(() -> pipeline("heartbeat").getStatus(), status -> status.getState() == PipelineState.Sleeping
            && status.getNextScheduleTime().equals(sleeping.getStatus().getNextScheduleTime()));
    assertThat(runNamesOf("heartbeat")).as("runs right after the restart, while sleeping")
        .containsExactlyInAnyOrder(RunNames.auto("heartbeat", 1), RunNames.auto("heartbeat", 2));

    PipelineRun third = runs.awaitFinished(RunNames.auto("heartbeat", 3), E2eEnvironment.RUN_DEADLINE.plus(SLEEP));
    assertThat(third.getStatus().getPhase()).as("the cycle resumes after the restart").isEqualTo(RunPhase.Succeeded);
  }

  @Test
  void aScheduleFiresARunNamedByItsFireTime() {
    env.apply(example("schedule"));

    PipelineRun fired = env.await("a scheduled run of minutely").atMost(ONE_FIRE)
        .until(() -> runsOf("minutely").stream().filter(run -> run.getStatus() != null
            && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinished()).findFirst(),
            java.util.Optional::isPresent).orElseThrow();
    assertThat(fired.getStatus().getPhase()).as(runs.describe(fired)).isEqualTo(RunPhase.Succeeded);
    assertThat(fired.getMetadata().getLabels()).containsEntry("flowline.io/trigger", "schedule");
    Pipeline minutely = env.await("minutely's lastScheduleTime").atMost(Duration.ofSeconds(30))
        .until(() -> pipeline("minutely"), pipeline -> pipeline.getStatus().getLastScheduleTime() != null);
    assertThat(runNamesOf("minutely")).contains(RunNames.scheduled("minutely",
        Instant.parse(minutely.getStatus().getLastScheduleTime())));
    assertThat(Instant.parse(minutely.getStatus().getNextScheduleTime()))
        .isAfter(Instant.parse(minutely.getStatus().getLastScheduleTime()));
  }

  @Test
  void suspendStartsNothingFromAutoActivationOrTheSchedule() {
    Pipeline suspended = pipeline("suspended");
    Instant fireTimePassed = Instant.parse(suspended.getMetadata().getCreationTimestamp()).plusSeconds(61);
    env.await("a minute boundary to pass since the suspended pipeline was applied")
        .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
        .until(() -> Instant.now().isAfter(fireTimePassed) && pipeline("suspended").getStatus() != null);

    assertThat(runNamesOf("suspended")).isEmpty();
    assertThat(pipeline("suspended").getStatus().getState()).isEqualTo(PipelineState.Idle);
  }

  private Pipeline awaitSleeping(String name) {
    return env.await(name + " to sleep").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
        .until(() -> pipeline(name), pipeline -> pipeline.getStatus() != null
            && pipeline.getStatus().getState() == PipelineState.Sleeping
            && pipeline.getStatus().getNextScheduleTime() != null);
  }

  private Pipeline pipeline(String name) {
    return env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName(name).get();
  }

  private List<PipelineRun> runsOf(String pipeline) {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace())
        .withLabel("flowline.io/pipeline", pipeline).list().getItems();
  }

  private List<String> runNamesOf(String pipeline) {
    return runsOf(pipeline).stream().map(run -> run.getMetadata().getName()).toList();
  }

  private static Path example(String name) {
    return env.examplesDir().resolve(name).resolve("pipeline.yaml");
  }
}
