package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunGridTest {
  private static final Instant T0 = Instant.parse("2026-11-23T08:00:00Z");

  @Test
  void eachRowIsARunAndEachCellTheNodesPhaseInThatRunWithMissingEntriesPending() {
    List<PipelineRun> runs = List.of(
        DashboardFixtures.run("ns", "r2", "p", T0.plusSeconds(60), RunPhase.Failed, "a=Succeeded", "b=Failed"),
        DashboardFixtures.run("ns", "r1", "p", T0, RunPhase.Succeeded, "a=Succeeded", "b=Succeeded", "c=Succeeded"));

    RunGrid grid = RunGrid.of(List.of("a", "b", "c"), runs, run -> run.getStatus().getNodes());

    assertThat(grid.rows()).extracting(RunGrid.Row::run).containsExactly("r2", "r1");
    RunGrid.Row failed = grid.rows().get(0);
    assertThat(List.of(failed.phaseAt(0), failed.phaseAt(1), failed.phaseAt(2)))
        .containsExactly("Succeeded", "Failed", "Pending");
    assertThat(grid.rows().get(1).phaseAt(2)).isEqualTo("Succeeded");
    assertThat(failed.phase()).isEqualTo("Failed");
  }

  @Test
  void onlyTheNewestTwentyFiveRunsAreRowsAndForEachChildrenAreNoCells() {
    List<PipelineRun> runs = new ArrayList<>();
    for (int i = 40; i > 0; i--) {
      runs.add(DashboardFixtures.run("ns", "r" + i, "p", T0.plusSeconds(i), RunPhase.Succeeded, "a=Succeeded",
          "a-0=Failed"));
    }
    runs.get(0).getStatus().getNodes().get(1).setParent("a");

    RunGrid grid = RunGrid.of(List.of("a"), runs, run -> run.getStatus().getNodes());

    assertThat(grid.rows()).hasSize(RunGrid.RUNS);
    assertThat(grid.rows().get(0).run()).isEqualTo("r40");
    assertThat(grid.rows().get(0).phaseAt(0)).as("the child a-0 does not stand for a").isEqualTo("Succeeded");
    assertThat(grid.rows().get(0).cells()).extracting(NodeStatus::getName).containsExactly("a");
  }
}
