package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Long failure messages are cut in the middle: the run message names the node, the node message keeps its exit code. */
class RunPlannerMessagesTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");

  private static RunDecision failWith(String nodeName, String terminationMessage) {
    NodeSpec node = Nodes.node(nodeName);
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(node)));
    NodeStatus running = new NodeStatus(nodeName);
    running.setPhase(NodePhase.Running);
    running.setAttempt(1);
    running.setJob(JobNames.jobName("run", nodeName, 1));
    running.setStartTime(Timestamps.format(T0));
    return new RunPlanner(Duration.ofMinutes(5)).plan(new RunSnapshot("run", spec, T0), List.of(running),
        Map.of(nodeName, AttemptObservation.failed(3, "Error", terminationMessage, T0.plusSeconds(5))),
        T0.plusSeconds(6));
  }

  @Test
  void aLongTerminationMessageKeepsTheNodeNameInTheRunMessageAndTheExitCodeInTheNodeMessage() {
    RunDecision decision = failWith("extract", "x".repeat(600));

    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(decision.outcome().message()).startsWith("node extract failed: exit code 3: xxx")
        .contains(Messages.CUT).hasSizeLessThanOrEqualTo(300);
    assertThat(decision.nodes().get(0).getMessage()).isEqualTo("exit code 3: " + "x".repeat(600));
  }

  @Test
  void aLongLogTailKeepsTheExitCodeAndTheLastLinesInTheNodeMessage() {
    String log = "starting\n" + "noise line\n".repeat(200) + "Traceback: cannot connect to the warehouse";

    String message = failWith("load", log).nodes().get(0).getMessage();

    assertThat(message).startsWith("exit code 3: starting").endsWith("cannot connect to the warehouse")
        .contains(Messages.CUT).hasSizeLessThanOrEqualTo(1024);
  }
}
