package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A started run keeps the spec it started with; an edit is answered once with a Warning event. */
class SpecEditTest {
  @RegisterExtension
  final FlowlineCluster cluster = FlowlineCluster.withOperator();

  @Test
  void anEditAfterStartIsIgnoredWithExactlyOneWarning() {
    cluster.createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: edit-1}
        spec:
          correlationId: first
          pipelineSpec:
            nodes:
            - {name: work, image: busybox:1.36, command: [sh, -c, "echo $(run.correlationId)"]}
        """);
    cluster.awaitJob("edit-1-work-1");

    cluster.client().resources(PipelineRun.class).inNamespace(cluster.namespace()).withName("edit-1")
        .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"timeout\":\"1h\"}}");
    PipelineRun acknowledged = cluster.awaitRun("edit-1", run -> assertThat(run.getStatus().getObservedGeneration())
        .isEqualTo(run.getMetadata().getGeneration()).isGreaterThan(1L));
    cluster.jobController().succeed("edit-1-work-1", "");
    cluster.awaitRun("edit-1", run -> assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Succeeded));

    assertThat(cluster.eventsAbout("edit-1")).filteredOn(event -> "SpecChangeIgnored".equals(event.getReason()))
        .singleElement().extracting(Event::getType).isEqualTo("Warning");
    assertThat(acknowledged.getStatus().getPipelineSpec().getTimeout()).as("the snapshot keeps its timeout")
        .isNull();
  }
}
