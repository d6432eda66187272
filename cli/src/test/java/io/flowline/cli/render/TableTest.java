package io.flowline.cli.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.cli.MockCluster;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableTest {
  @Test
  void columnsArePaddedToTheWidestCellAndLinesHaveNoTrailingSpaces() {
    String text = new Table("NAME", "PHASE", "NOTE").row("a-long-name", "Running", "").row("b", "", "x").render();
    assertThat(text).isEqualTo("""
        NAME          PHASE     NOTE
        a-long-name   Running
        b                       x
        """);
  }

  @Test
  void aRowMustHaveACellPerColumn() {
    assertThatThrownBy(() -> new Table("A", "B").row("1")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void durationsReadLikeKubectls() {
    assertThat(TimeText.duration(Duration.ofSeconds(42))).isEqualTo("42s");
    assertThat(TimeText.duration(Duration.ofSeconds(185))).isEqualTo("3m05s");
    assertThat(TimeText.duration(Duration.ofMinutes(127))).isEqualTo("2h07m");
    assertThat(TimeText.duration(Duration.ofHours(76))).isEqualTo("3d04h");
    assertThat(TimeText.between(null, null, MockCluster.NOW)).isEmpty();
    assertThat(TimeText.age("not a time", MockCluster.NOW)).isEmpty();
  }

  @Test
  void runsShowPipelinePhaseProgressAgeDurationAndCorrelationId() {
    PipelineRun run = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: etl-x7k2p}
        spec: {pipelineRef: {name: etl}, correlationId: order-4711}
        status: {phase: Succeeded, progress: 4/4, startTime: "2025-08-22T09:55:00Z",
                 completionTime: "2025-08-22T09:55:42Z"}
        """, PipelineRun.class);
    PipelineRun inline = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: adhoc}
        spec: {pipelineSpec: {nodes: [{name: a, image: busybox}]}}
        """, PipelineRun.class);

    assertThat(RunTable.render(List.of(run, inline), MockCluster.NOW)).isEqualTo("""
        NAME        PIPELINE   PHASE       PROGRESS   STARTED     DURATION   CORRELATION-ID
        etl-x7k2p   etl        Succeeded   4/4        5m00s ago   42s        order-4711
        adhoc       (inline)   Pending
        """);
  }

  @Test
  void pipelinesShowStateActivationSuspensionRunsAndNextFire() {
    Pipeline pipeline = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: nightly}
        spec: {suspend: true, schedule: {cron: "0 2 * * *"}, nodes: [{name: a, image: busybox}]}
        status: {state: Running, activeRuns: 1, queuedRuns: 2, nextScheduleTime: "2025-08-22T12:00:00Z",
                 lastRun: {name: nightly-1, phase: Running}}
        """, Pipeline.class);

    assertThat(PipelineTable.render(List.of(pipeline), MockCluster.NOW)).isEqualTo("""
        NAME      STATE     ACTIVATION   SCHEDULE    SUSPENDED   ACTIVE   QUEUED   LAST RUN    LAST PHASE   NEXT
        nightly   Running   Manual       0 2 * * *   true        1        2        nightly-1   Running      in 2h00m
        """);
  }
}
