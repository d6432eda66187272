package io.flowline.engine;

import io.flowline.api.NodeStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything one planning step decided: the new node list for status, the Jobs to create and delete, the events
 * to emit after the status is written, the run outcome, and when to look again if nothing else happens.
 */
public record RunDecision(
    List<NodeStatus> nodes,
    List<NodeLaunch> launches,
    List<String> jobsToDelete,
    List<PlannedEvent> events,
    RunOutcome outcome,
    String progress,
    Optional<Instant> wakeUpAt,
    /** Control requests this step could not honour, each naming its field (a running node in spec.skipNodes). */
    List<String> refusals,
    /** The finally part's state to keep in status: null while the main part runs (or the run has no finally). */
    FinallyState finallyState) {
}
