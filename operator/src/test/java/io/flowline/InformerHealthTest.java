package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.javaoperatorsdk.operator.health.EventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerHealthIndicator;
import io.javaoperatorsdk.operator.health.InformerWrappingEventSourceHealthIndicator;
import io.javaoperatorsdk.operator.health.Status;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InformerHealthTest {
  @Test
  void healthyWhenNoControllerReportsAnUnhealthySource() {
    assertThat(InformerHealth.describe(Map.of())).isEmpty();
    assertThat(InformerHealth.describe(Map.of("pipelinereconciler", Map.of(),
        "pipelinerunreconciler", Map.of()))).isEmpty();
  }

  @Test
  void namesTheControllerTheSourceTheNamespaceAndWhatFails() {
    var jobs = informers(Map.of(
        "team-a", informer(true, false, true),
        "team-b", informer(true, true, true)));

    assertThat(InformerHealth.describe(Map.of("pipelinerunreconciler", Map.of("JobInformer", jobs))))
        .contains("unhealthy event sources: pipelinerunreconciler/JobInformer (namespace team-a: not watching)");
  }

  @Test
  void leavesThePackageOutOfDefaultSourceNames() {
    var jobs = informers(Map.of("ns", informer(true, false, true)));

    assertThat(InformerHealth.describe(Map.of("pipelinerunreconciler", Map.of(
        "io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource@26f1249d", jobs))))
        .contains("unhealthy event sources: pipelinerunreconciler/InformerEventSource@26f1249d "
            + "(namespace ns: not watching)");
  }

  @Test
  void listsEveryFailingAspectAndEverySource() {
    var stopped = informers(Map.of("ns", informer(false, false, false)));
    EventSourceHealthIndicator timer = () -> Status.UNHEALTHY;

    assertThat(InformerHealth.describe(Map.of(
        "pipelinerunreconciler", Map.of("PodInformer", stopped),
        "pipelinereconciler", Map.of("Timer", timer))))
        .contains("unhealthy event sources: pipelinereconciler/Timer (UNHEALTHY), "
            + "pipelinerunreconciler/PodInformer (namespace ns: not running, not watching, not synced)");
  }

  private static InformerWrappingEventSourceHealthIndicator<Job> informers(
      Map<String, InformerHealthIndicator> byNamespace) {
    return () -> byNamespace;
  }

  private static InformerHealthIndicator informer(boolean running, boolean watching, boolean synced) {
    return new InformerHealthIndicator() {
      @Override
      public boolean hasSynced() {
        return synced;
      }

      @Override
      public boolean isWatching() {
        return watching;
      }

      @Override
      public boolean isRunning() {
        return running;
      }

      @Override
      public Status getStatus() {
        return running && watching && synced ? Status.HEALTHY : Status.UNHEALTHY;
      }

      @Override
      public String getTargetNamespace() {
        return null;
      }
    };
  }
}
