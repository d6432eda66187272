package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.KubeletExpansion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobFactoryTest {
  private static final String RAW = "a$$b$(FOO)c";
  private static final Map<String, String> SUBSTITUTIONS = Map.of("params.p", RAW);
  private static final Map<String, String> CONTAINER_ENV = Map.of("FOO", "foo", "HOME", "/root");

  private static Container containerOf(NodeSpec node) {
    return podOf(node).getContainers().get(0);
  }

  private static PodSpec podOf(NodeSpec node) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("run").withNamespace("ns").withUid("uid-1").build());
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(node)));
    return new JobFactory().build(run, spec, node, 1, "run-a-1", SUBSTITUTIONS).getSpec().getTemplate().getSpec();
  }

  private static NodeSpec busybox() {
    NodeSpec node = new NodeSpec();
    node.setName("a");
    node.setImage("busybox:1.36");
    return node;
  }

  @Test
  void aPodGetsNoApiTokenUnlessAServiceAccountIsAskedFor() {
    PodSpec plain = podOf(busybox());
    assertThat(plain.getAutomountServiceAccountToken()).isFalse();
    assertThat(plain.getServiceAccountName()).isNull();

    NodeSpec withAccount = busybox();
    withAccount.setServiceAccountName("loader");
    PodSpec granted = podOf(withAccount);
    assertThat(granted.getServiceAccountName()).isEqualTo("loader");
    assertThat(granted.getAutomountServiceAccountToken()).as("the account's own setting decides").isNull();
  }

  @Test
  void aPodAsksForNoPrivilegeOfItsOwn() {
    PodSpec pod = podOf(busybox());

    assertThat(pod.getHostNetwork()).isNull();
    assertThat(pod.getHostPID()).isNull();
    assertThat(pod.getHostIPC()).isNull();
    assertThat(pod.getVolumes()).isEmpty();
    assertThat(pod.getContainers()).singleElement().satisfies(container -> {
      assertThat(container.getSecurityContext()).isNull();
      assertThat(container.getVolumeMounts()).isEmpty();
      assertThat(container.getPorts()).isEmpty();
    });
  }

  @Test
  void insertedValuesReachTheContainerRawThroughTheKubeletsExpansion() {
    NodeSpec node = new NodeSpec();
    node.setName("a");
    node.setImage("busybox:1.36");
    node.setCommand(new ArrayList<>(List.of("sh", "-c")));
    node.setArgs(new ArrayList<>(List.of("echo $(params.p) $(HOME)")));
    node.setEnv(new ArrayList<>(List.of(new EnvVar("P", "[$(params.p)]", null))));

    Container container = containerOf(node);

    assertThat(KubeletExpansion.expand(container.getArgs().get(0), CONTAINER_ENV)).isEqualTo("echo " + RAW + " /root");
    assertThat(KubeletExpansion.expand(container.getEnv().get(0).getValue(), CONTAINER_ENV)).isEqualTo("[" + RAW + "]");
  }

  @Test
  void workingDirGetsTheValueUnescapedBecauseTheKubeletDoesNotExpandIt() {
    NodeSpec node = new NodeSpec();
    node.setName("a");
    node.setImage("busybox:1.36");
    node.setWorkingDir("/data/$(params.p)");

    assertThat(containerOf(node).getWorkingDir()).isEqualTo("/data/" + RAW);
  }
}
