package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.RunPhase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a run costs the API server once the operator runs: writes only, at most 3 per node with the default Events,
 * and no live read at all (the informer caches answer every read on the hot path).
 */
class HotPathRequestsTest {
  private static final int RUNS = 3;

  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();
  private final FakeJobController jobController = cluster.jobController();

  @Test
  void oneNodeRunsCostAJobAndTwoStatusWritesEachAndNoRead() throws InterruptedException {
    cluster.createPipeline("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: hello}
        spec:
          nodes:
          - {name: work, image: busybox:1.36, command: [sh, -c, "true"]}
        """);
    cluster.awaitPipeline("hello", pipeline -> assertThat(pipeline.getStatus().getConditions()).isNotEmpty());
    cluster.operatorRequests();

    for (int i = 1; i <= RUNS; i++) {
      cluster.createRun("""
          apiVersion: flowline.io/v1alpha1
          kind: PipelineRun
          metadata: {name: hello-%d}
          spec:
            pipelineRef: {name: hello}
          """.formatted(i));
      cluster.awaitJob("hello-" + i + "-work-1");
      jobController.succeed("hello-" + i + "-work-1", "");
      cluster.awaitRun("hello-" + i, run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));
    }

    List<String> requests = cluster.operatorRequests();
    assertThat(requests).as("live reads (watches excluded)")
        .filteredOn(request -> request.startsWith("GET ") && !request.contains("watch=true")).isEmpty();
    assertThat(requests).filteredOn(request -> request.matches("POST .*/jobs")).hasSize(RUNS);
    assertThat(requests).filteredOn(request -> request.matches("PUT .*/pipelineruns/hello-\\d+/status"))
        .hasSize(2 * RUNS);
    assertThat(requests).as("Events: progress is in status by default").filteredOn(r -> r.contains("/events"))
        .isEmpty();
  }
}
