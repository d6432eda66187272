package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.DesiredRunState;
import io.flowline.api.ForEachSpec;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** forEach in the planner: children, maxParallel, per-child retries, gathered outputs, failures and retry. */
class ForEachPlannerTest {
  private static final Instant T0 = Instant.parse("2025-08-22T10:00:00Z");
  private final RunPlanner planner = new RunPlanner(Duration.ofMinutes(5));

  private static NodeSpec forEach(String name, List<String> items, Integer maxParallel, String... dependsOn) {
    NodeSpec node = node(name, dependsOn);
    node.setForEach(ForEachSpec.ofItems(items));
    node.setMaxParallel(maxParallel);
    return node;
  }

  private static RunSnapshot snapshot(NodeSpec... nodes) {
    return snapshot(DesiredRunState.Running, List.of(), nodes);
  }

  private static RunSnapshot snapshot(DesiredRunState desired, List<ParamValue> params, NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(nodes)));
    return new RunSnapshot("run", spec, T0, desired, null, List.of(), params);
  }

  /** Drives steps, ending the named running attempts as given, like the reconciler would. */
  private final class Steps {
    private final RunSnapshot run;
    private List<NodeStatus> nodes = List.of();
    private RunDecision last;
    private Instant now = T0;

    Steps(RunSnapshot run) {
      this.run = run;
    }

    RunDecision step(Map<String, AttemptObservation> observations) {
      last = planner.plan(run, nodes, observations, now);
      nodes = last.nodes();
      now = now.plusSeconds(1);
      return last;
    }

    RunDecision step() {
      return step(Map.of());
    }

    RunDecision succeed(String... names) {
      Map<String, AttemptObservation> seen = new HashMap<>();
      for (String name : names) {
        seen.put(name, AttemptObservation.succeeded(now, null));
      }
      return step(seen);
    }

    RunDecision fail(String... names) {
      Map<String, AttemptObservation> seen = new HashMap<>();
      for (String name : names) {
        seen.put(name, AttemptObservation.failed(3, "Error", "boom", now));
      }
      return step(seen);
    }

    NodeStatus node(String name) {
      return nodes.stream().filter(n -> n.getName().equals(name)).findFirst().orElse(null);
    }
  }

  private static List<String> launched(RunDecision decision) {
    return decision.launches().stream().map(NodeLaunch::node).toList();
  }

  @Test
  void childrenStartInItemOrderWithTheirItemAndIndexAndJobsNamedAfterTheChild() {
    Steps steps = new Steps(snapshot(forEach("region", List.of("eu", "us", "apac"), null)));

    RunDecision first = steps.step();

    assertThat(first.launches()).containsExactly(
        new NodeLaunch("region-0", 1, "run-region-0-1", "eu", 0),
        new NodeLaunch("region-1", 1, "run-region-1-1", "us", 1),
        new NodeLaunch("region-2", 1, "run-region-2-1", "apac", 2));
    NodeStatus parent = steps.node("region");
    assertThat(parent.getPhase()).isEqualTo(NodePhase.Running);
    assertThat(parent.getItems()).isEqualTo(3);
    assertThat(parent.getAttempt()).isZero();
    assertThat(steps.node("region-1").getParent()).isEqualTo("region");
    assertThat(first.nodes()).extracting(NodeStatus::getName)
        .containsExactly("region", "region-0", "region-1", "region-2");
    assertThat(first.progress()).isEqualTo("0/3");
  }

  @Test
  void maxParallelBoundsRunningChildrenAndTheNextStartsWhenOneEnds() {
    Steps steps = new Steps(snapshot(forEach("region", List.of("a", "b", "c", "d", "e"), 2)));

    assertThat(launched(steps.step())).containsExactly("region-0", "region-1");
    assertThat(launched(steps.step())).as("both still run").isEmpty();
    assertThat(launched(steps.succeed("region-1"))).containsExactly("region-2");
    assertThat(launched(steps.succeed("region-0", "region-2"))).containsExactly("region-3", "region-4");
    RunDecision done = steps.succeed("region-3", "region-4");

    assertThat(done.outcome().phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(done.progress()).isEqualTo("5/5");
  }

  @Test
  void theNodesOutputsAreJsonArraysOfItsChildrensValuesInItemOrderAndDependentsWaitForAllChildren() {
    NodeSpec region = forEach("region", List.of("eu", "us"), null);
    region.setOutputs(List.of("rows"));
    Steps steps = new Steps(snapshot(region, node("report", "region")));
    steps.step();

    Map<String, AttemptObservation> seen = new HashMap<>();
    seen.put("region-1", AttemptObservation.succeeded(T0, "rows=20"));
    assertThat(launched(steps.step(seen))).as("report waits for region-0").isEmpty();
    seen = new HashMap<>();
    seen.put("region-0", AttemptObservation.succeeded(T0, "rows=10"));
    RunDecision decision = steps.step(seen);

    assertThat(steps.node("region").getOutputs()).containsEntry("rows", "[\"10\",\"20\"]");
    assertThat(launched(decision)).containsExactly("report");
  }

  @Test
  void aChildRetriesOnItsOwnAndAChildThatFailsForGoodFailsTheNodeAndTheRun() {
    NodeSpec region = forEach("region", List.of("eu", "us"), null);
    RetrySpec retry = new RetrySpec();
    retry.setLimit(1);
    retry.setDelay("30s");
    region.setRetry(retry);
    Steps steps = new Steps(snapshot(region, node("report", "region")));
    steps.step();

    steps.fail("region-1");
    assertThat(steps.node("region-1").getPhase()).isEqualTo(NodePhase.Waiting);
    steps.now = steps.now.plusSeconds(60);
    RunDecision retried = steps.succeed("region-0");
    assertThat(retried.launches()).containsExactly(new NodeLaunch("region-1", 2, "run-region-1-2", "us", 1));

    RunDecision failed = steps.fail("region-1");

    assertThat(steps.node("region-0").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(steps.node("region").getMessage()).startsWith("item 1 (region-1) failed: ");
    assertThat(steps.node("report")).as("never started").isNull();
    assertThat(failed.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(failed.outcome().message()).startsWith("node region-1 failed");
  }

  @Test
  void aFailingChildStopsNewChildrenFromStartingAndTheNodeFailsOnceTheRunningOnesEnd() {
    Steps steps = new Steps(snapshot(forEach("region", List.of("a", "b", "c", "d"), 2)));
    steps.step();

    RunDecision afterFailure = steps.fail("region-0");
    assertThat(afterFailure.launches()).as("fail fast: no new child").isEmpty();
    assertThat(afterFailure.outcome().phase()).isEqualTo(RunPhase.Running);
    assertThat(steps.node("region").getPhase()).as("region-1 still runs").isEqualTo(NodePhase.Running);

    RunDecision end = steps.succeed("region-1");

    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(end.outcome().phase()).isEqualTo(RunPhase.Failed);
    assertThat(end.progress()).isEqualTo("2/4");
  }

  @Test
  void allowFailureLetsTheRunGoOnAndTheFailedChildsValueIsEmpty() {
    NodeSpec region = forEach("region", List.of("eu", "us"), null);
    region.setAllowFailure(true);
    region.setOutputs(List.of("rows"));
    Steps steps = new Steps(snapshot(region, node("report", "region")));
    steps.step();
    Map<String, AttemptObservation> seen = new HashMap<>();
    seen.put("region-0", AttemptObservation.succeeded(T0, "rows=10"));
    seen.put("region-1", AttemptObservation.failed(1, "Error", "no data", T0));

    RunDecision decision = steps.step(seen);

    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(launched(decision)).containsExactly("report");
    RunDecision end = steps.succeed("report");
    assertThat(end.outcome().phase()).isEqualTo(RunPhase.Succeeded);
    assertThat(end.outcome().message()).contains("failed with allowFailure: region");
  }

  @Test
  void itemsFromAnArrayParam() {
    NodeSpec region = node("region");
    ForEachSpec forEach = new ForEachSpec();
    forEach.setParam("regions");
    region.setForEach(forEach);
    Steps steps = new Steps(snapshot(DesiredRunState.Running, List.of(new ParamValue("regions", "[\"eu\",\"us\"]")),
        region));

    assertThat(steps.step().launches()).extracting(NodeLaunch::item).containsExactly("eu", "us");
  }

  @Test
  void itemsFromAnAncestorsJsonArrayOutputAndAnOutputThatIsNoArrayFailsTheNode() {
    NodeSpec list = node("list");
    list.setOutputs(List.of("regions"));
    NodeSpec region = node("region", "list");
    ForEachSpec forEach = new ForEachSpec();
    forEach.setOutput("nodes.list.outputs.regions");
    region.setForEach(forEach);

    Steps good = new Steps(snapshot(list, region));
    good.step();
    Map<String, AttemptObservation> seen = new HashMap<>();
    seen.put("list", AttemptObservation.succeeded(T0, "regions=[\"eu\",1,true]"));
    assertThat(good.step(seen).launches()).extracting(NodeLaunch::item).containsExactly("eu", "1", "true");

    Steps bad = new Steps(snapshot(list, region));
    bad.step();
    seen.put("list", AttemptObservation.succeeded(T0, "regions=eu,us"));
    RunDecision decision = bad.step(seen);
    assertThat(bad.node("region").getPhase()).isEqualTo(NodePhase.Failed);
    assertThat(bad.node("region").getReason()).isEqualTo(ForEachItems.INVALID_ITEMS);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void moreThanAThousandItemsFailTheNodeWithTooManyItems() {
    NodeSpec region = node("region");
    ForEachSpec forEach = new ForEachSpec();
    forEach.setParam("regions");
    region.setForEach(forEach);
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= ForEachSpec.MAX_ITEMS; i++) {
      many.add("r" + i);
    }
    Steps steps = new Steps(snapshot(DesiredRunState.Running, List.of(new ParamValue("regions",
        JsonArrays.of(many))), region));

    RunDecision decision = steps.step();

    assertThat(decision.launches()).isEmpty();
    assertThat(steps.node("region").getReason()).isEqualTo(ForEachItems.TOO_MANY_ITEMS);
    assertThat(decision.outcome().phase()).isEqualTo(RunPhase.Failed);
  }

  @Test
  void noItemsSucceedsAtOnceWithEmptyArrays() {
    NodeSpec region = forEach("region", List.of(), null);
    region.setOutputs(List.of("rows"));
    Steps steps = new Steps(snapshot(region, node("report", "region")));

    RunDecision decision = steps.step();

    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Succeeded);
    assertThat(steps.node("region").getOutputs()).containsEntry("rows", "[]");
    assertThat(launched(decision)).containsExactly("report");
  }

  @Test
  void retryResetsOnlyTheFailedChildrenAndTheNodeRunsThemAgainAsNewAttempts() {
    Steps steps = new Steps(snapshot(forEach("region", List.of("a", "b", "c"), null)));
    steps.step();
    steps.fail("region-1");
    steps.succeed("region-0", "region-2");
    assertThat(steps.last.outcome().phase()).isEqualTo(RunPhase.Failed);

    List<NodeStatus> table = new ArrayList<>(steps.nodes);
    List<String> reset = RetryReset.reset(table, 1);
    steps.nodes = table;
    RunDecision again = steps.step();

    assertThat(reset).containsExactly("region", "region-1");
    assertThat(again.launches()).containsExactly(new NodeLaunch("region-1", 2, "run-region-1-2", "b", 1));
    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Running);
    RunDecision end = steps.succeed("region-1");
    assertThat(end.outcome().phase()).isEqualTo(RunPhase.Succeeded);
  }

  @Test
  void stoppingCancelsChildrenNotStartedAndTheNodeOnceTheRunningOnesEnd() {
    NodeSpec region = forEach("region", List.of("a", "b", "c"), 1);
    Steps running = new Steps(snapshot(region));
    running.step();
    Steps steps = new Steps(snapshot(DesiredRunState.Stopped, List.of(), region));
    steps.nodes = running.nodes;

    RunDecision stopping = steps.step();
    assertThat(stopping.outcome().phase()).isEqualTo(RunPhase.Stopping);
    RunDecision stopped = steps.succeed("region-0");

    assertThat(stopped.outcome().phase()).isEqualTo(RunPhase.Cancelled);
    assertThat(steps.node("region").getPhase()).isEqualTo(NodePhase.Cancelled);
    assertThat(stopped.launches()).isEmpty();
  }

  @Test
  void resumedBeforeTheStopCompletedTheNodeGoesOnWithItsRemainingChildren() {
    NodeSpec region = forEach("region", List.of("a", "b"), 1);
    NodeSpec slow = node("slow");
    Steps running = new Steps(snapshot(region, slow));
    running.step();
    Steps stopping = new Steps(snapshot(DesiredRunState.Stopped, List.of(), region, slow));
    stopping.nodes = running.nodes;
    stopping.succeed("region-0");
    assertThat(stopping.node("region").getPhase()).as("slow still runs: the stop is not complete")
        .isEqualTo(NodePhase.Running);

    Steps resumed = new Steps(snapshot(region, slow));
    resumed.nodes = stopping.nodes;
    RunDecision decision = resumed.step();

    assertThat(launched(decision)).containsExactly("region-1");
  }

  @Test
  void aTimeoutCancelsTheNodeWithoutDeletingAJobOfItsOwn() {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(forEach("region", List.of("a", "b"), null))));
    spec.setTimeout("1m");
    RunSnapshot run = new RunSnapshot("run", spec, T0);
    RunDecision started = planner.plan(run, List.of(), Map.of(), T0);

    RunDecision timedOut = planner.plan(run, started.nodes(), Map.of(), T0.plusSeconds(61));

    assertThat(timedOut.jobsToDelete()).containsExactlyInAnyOrder("run-region-0-1", "run-region-1-1");
    assertThat(timedOut.nodes()).allMatch(node -> node.getPhase() == NodePhase.Cancelled);
  }

  @Test
  void aChildCanBeSkippedLikeAnyNode() {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(forEach("region", List.of("a", "b"), null))));
    RunSnapshot run = new RunSnapshot("run", spec, T0, DesiredRunState.Running, null, List.of("region-1"));

    RunDecision decision = planner.plan(run, List.of(), Map.of(), T0);

    assertThat(launched(decision)).containsExactly("region-0");
    RunDecision end = planner.plan(run, decision.nodes(),
        Map.of("region-0", AttemptObservation.succeeded(T0, null)), T0.plusSeconds(1));
    assertThat(end.outcome().phase()).isEqualTo(RunPhase.Succeeded);
  }
}
