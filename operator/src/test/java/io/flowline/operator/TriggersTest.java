package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.engine.RunNames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs a Pipeline starts by itself: its schedule and Auto activation, on the operator's adjustable clock. A spec
 * edit (the description) makes the operator look again at the new time, instead of waiting for its wake-up.
 */
class TriggersTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();
  private int edits;

  @Test
  void aScheduleFiresOnceForTheDueMinuteAndCatchesUpAtMostOnceWithinItsDeadline() {
    cluster.createPipeline(pipeline("nightly", "schedule: {cron: \"* * * * *\", startingDeadlineSeconds: 300}"));
    cluster.awaitPipeline("nightly", pipeline -> assertThat(pipeline.getStatus().getNextScheduleTime()).isNotNull());

    cluster.clock().setOffset(Duration.ofMinutes(2));
    touch("nightly");
    String firstRun = awaitScheduledRuns("nightly", 1).get(0);
    Pipeline afterFirst = cluster.awaitPipeline("nightly", pipeline ->
        assertThat(pipeline.getStatus().getLastScheduleTime()).isNotNull());
    // Named by the fire it was started for, which is the minute the status records.
    assertThat(firstRun).isEqualTo(RunNames.scheduled("nightly",
        Instant.parse(afterFirst.getStatus().getLastScheduleTime())));
    assertThat(cluster.run(firstRun).getMetadata().getLabels()).containsEntry("flowline.io/trigger", "schedule");
    assertThat(cluster.run(firstRun).getMetadata().getOwnerReferences()).singleElement()
        .satisfies(owner -> assertThat(owner.getName()).isEqualTo("nightly"));

    // 30 minutes down: 29 fires missed, the newest (within the 300 s deadline) runs, the rest are one Event.
    cluster.clock().setOffset(Duration.ofMinutes(32));
    touch("nightly");
    List<String> both = awaitScheduledRuns("nightly", 2);
    Pipeline afterCatchUp = cluster.awaitPipeline("nightly", pipeline -> assertThat(cluster.eventsAbout("nightly"))
        .anySatisfy(event -> assertThat(event.getReason()).isEqualTo("MissedSchedule")));
    assertThat(both).contains(firstRun, RunNames.scheduled("nightly",
        Instant.parse(afterCatchUp.getStatus().getLastScheduleTime())));
  }

  private List<String> awaitScheduledRuns(String pipeline, int count) {
    return org.awaitility.Awaitility.await("scheduled runs of " + pipeline).atMost(FlowlineCluster.TIMEOUT)
        .until(() -> scheduledRuns(pipeline), runs -> runs.size() >= count);
  }

  @Test
  void autoActivationStartsARunSleepsAfterItAndStartsTheNextCycleWhenTheSleepIsOver() {
    cluster.createPipeline(pipeline("service", "activation: Auto\n  sleepTimeout: 1h"));
    String first = RunNames.auto("service", 1);
    cluster.awaitJob(first + "-work-1");
    jobController.succeed(first + "-work-1", "");

    cluster.awaitPipeline("service", pipeline -> {
      assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Sleeping);
      assertThat(pipeline.getStatus().getStateCode()).isEqualTo(4);
      Instant wake = Instant.parse(pipeline.getStatus().getNextScheduleTime());
      assertThat(wake).isAfter(cluster.clock().instant().plus(Duration.ofMinutes(59)));
    });
    assertThat(cluster.run(RunNames.auto("service", 2))).as("no second cycle while sleeping").isNull();

    cluster.clock().setOffset(Duration.ofHours(2));
    touch("service");
    cluster.awaitJob(RunNames.auto("service", 2) + "-work-1");
  }

  @Test
  void suspendStopsAutoActivationAndTheSchedule() {
    cluster.createPipeline(pipeline("paused", "activation: Auto\n  suspend: true\n  schedule: {cron: \"* * * * *\"}"));
    cluster.awaitPipeline("paused", pipeline -> {
      assertThat(pipeline.getStatus().getState()).isEqualTo(PipelineState.Idle);
      assertThat(pipeline.getStatus().getNextScheduleTime()).isNull();
    });
    cluster.clock().setOffset(Duration.ofMinutes(5));
    touch("paused");
    cluster.awaitPipeline("paused", pipeline -> assertThat(pipeline.getStatus().getObservedGeneration())
        .isEqualTo(pipeline.getMetadata().getGeneration()));

    assertThat(runsOf("paused")).isEmpty();
  }

  private List<String> scheduledRuns(String pipeline) {
    return runsOf(pipeline).stream().filter(name -> !name.contains("-auto-")).toList();
  }

  private List<String> runsOf(String pipeline) {
    return cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace())
        .withLabel("flowline.io/pipeline", pipeline).list().getItems().stream()
        .map(run -> run.getMetadata().getName()).toList();
  }

  /** A spec edit: a new generation, hence a reconciliation at the clock's new time. */
  private void touch(String name) {
    edits++;
    cluster.client().resources(Pipeline.class).inNamespace(cluster.namespace()).withName(name)
        .edit(pipeline -> {
          pipeline.getSpec().setDescription("edit " + edits);
          return pipeline;
        });
  }

  private static String pipeline(String name, String triggers) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: %s}
        spec:
          %s
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """.formatted(name, triggers);
  }
}
