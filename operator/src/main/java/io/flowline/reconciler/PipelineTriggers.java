package io.flowline.reconciler;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineSpec;
import io.flowline.api.PipelineStatus;
import io.flowline.engine.AutoActivation;
import io.flowline.engine.AutoDecision;
import io.flowline.engine.AutoRun;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunNames;
import io.flowline.engine.ScheduleDecision;
import io.flowline.engine.SchedulePlanner;
import io.flowline.engine.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Starts the runs a Pipeline starts by itself: on its schedule and, with {@code activation: Auto}, one cycle after
 * another. Decisions come from the Pipeline's status and its existing runs, never from memory, so a restarted or a
 * second operator decides the same and the deterministic run names stop a duplicate.
 */
final class PipelineTriggers {
  private final TriggeredRuns runs;

  PipelineTriggers(TriggeredRuns runs) {
    this.runs = runs;
  }

  /** What the triggers did and when they want to be asked again. */
  record Outcome(List<PlannedEvent> events, boolean sleeping, Instant lastScheduleTime, Instant wakeAt) {
  }

  /**
   * Fires what is due. The run is created before {@code status.lastScheduleTime} moves, so a failed status write
   * only repeats a create that then finds the run there.
   *
   * @param autoRuns the pipeline's runs Auto created that decide its next cycle ({@link AutoActivation#plan})
   */
  Outcome fire(Pipeline pipeline, boolean valid, List<AutoRun> autoRuns, Instant now) {
    PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
    PipelineStatus status = pipeline.getStatus() == null ? new PipelineStatus() : pipeline.getStatus();
    boolean suspended = Boolean.TRUE.equals(spec.getSuspend());
    String name = pipeline.getMetadata().getName();
    List<PlannedEvent> events = new ArrayList<>();

    Instant lastScheduleTime = Timestamps.parse(status.getLastScheduleTime());
    Instant nextFire = null;
    if (valid && spec.getSchedule() != null) {
      ScheduleDecision schedule = SchedulePlanner.plan(spec.getSchedule(), suspended, lastScheduleTime,
          Timestamps.parse(pipeline.getMetadata().getCreationTimestamp()), now);
      if (schedule.fire().isPresent()) {
        String run = RunNames.scheduled(name, schedule.fire().get());
        if (runs.create(pipeline, run, "schedule")) {
          events.add(PlannedEvent.normal("ScheduledRun", "started run " + run + " for the fire at "
              + Timestamps.format(schedule.fire().get())));
        }
      }
      schedule.skippedFires().ifPresent(skipped ->
          events.add(skipped.event(spec.getSchedule().getStartingDeadlineSeconds())));
      if (schedule.lastScheduleTime() != null) {
        lastScheduleTime = schedule.lastScheduleTime();
      }
      nextFire = schedule.next().orElse(null);
    }

    AutoDecision auto = AutoActivation.plan(spec.getActivation(), suspended, spec.getSleepTimeout(), valid,
        autoRuns, now);
    if (auto.action() == AutoDecision.Action.START) {
      String run = auto.runName(name);
      if (runs.create(pipeline, run, "auto")) {
        events.add(PlannedEvent.normal("AutoRun", "started run " + run + " (activation Auto, cycle "
            + auto.cycle() + ")"));
      }
    }
    Instant wakeAt = Stream.of(nextFire, auto.wakeAt()).filter(Objects::nonNull).min(Instant::compareTo)
        .orElse(null);
    return new Outcome(events, auto.sleeping(), lastScheduleTime, wakeAt);
  }
}
