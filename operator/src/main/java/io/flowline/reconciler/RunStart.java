package io.flowline.reconciler;

import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.PlannedEvent;
import java.time.Duration;
import java.util.List;

/**
 * What starting a run produced: a started status to step from at once, or a status to write as is (Pending, or
 * ended before any Job), with the events to emit after it is written and when to look again.
 */
record RunStart(PipelineRunStatus status, boolean started, List<PlannedEvent> events, Duration recheckAfter) {
}
