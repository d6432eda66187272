package io.flowline.reconciler;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.PlannedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The status one step of a started run leads to, the events to emit once it is written, the next look, and the
 * nodes this step ended (the full entries: a finished entry may already sit in a ConfigMap, not in status).
 */
record RunStep(PipelineRunStatus status, List<PlannedEvent> events, Optional<Instant> wakeUpAt,
    List<NodeStatus> nodesEnded) {
}
