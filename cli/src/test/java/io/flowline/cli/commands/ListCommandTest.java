package io.flowline.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowline.api.PipelineRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListCommandTest {
  private static PipelineRun run(String name, String created) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withCreationTimestamp(created).build());
    return run;
  }

  @Test
  void newestFirstThenByNameDescending() {
    List<PipelineRun> runs = new ArrayList<>(List.of(run("old", "2025-08-20T00:00:00Z"),
        run("new-a", "2025-08-22T00:00:00Z"), run("mid", "2025-08-21T00:00:00Z"),
        run("new-b", "2025-08-22T00:00:00Z"), run("unborn", null)));
    ListCommand.newestFirst(runs);
    assertThat(runs).extracting(r -> r.getMetadata().getName())
        .containsExactly("new-b", "new-a", "mid", "old", "unborn");
  }
}
