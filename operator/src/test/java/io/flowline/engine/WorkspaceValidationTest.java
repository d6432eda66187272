package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.WorkspaceSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** spec.workspace, spec.volumes and the nodes' volumeMounts, as PipelineValidator judges them. */
class WorkspaceValidationTest {
  private final PipelineValidator validator = new PipelineValidator();

  private static PipelineSpec spec(NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(Arrays.asList(nodes)));
    return spec;
  }

  private static Volume configMap(String name) {
    return new VolumeBuilder().withName(name).withNewConfigMap().withName("etl-config").endConfigMap().build();
  }

  private static VolumeMount mount(String name, String path) {
    return new VolumeMountBuilder().withName(name).withMountPath(path).build();
  }

  private static NodeSpec mounting(String node, VolumeMount... mounts) {
    NodeSpec spec = node(node);
    spec.setVolumeMounts(new ArrayList<>(Arrays.asList(mounts)));
    return spec;
  }

  private List<String> validate(PipelineSpec spec) {
    return validator.validate(spec, "spec");
  }

  @Test
  void workspaceVolumesAndMountsAsInTheContractAreValid() {
    PipelineSpec spec = spec(mounting("load", mount("cfg", "/etc/etl"),
        new VolumeMountBuilder().withName("workspace").withMountPath("/data").withSubPath("in").build()));
    WorkspaceSpec workspace = new WorkspaceSpec("1Gi");
    workspace.setStorageClassName("");
    workspace.setAccessModes(List.of("ReadWriteOnce"));
    spec.setWorkspace(workspace);
    spec.setVolumes(List.of(configMap("cfg"), new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir()
        .build()));

    assertThat(validate(spec)).isEmpty();
  }

  @Test
  void workspaceSizeIsRequiredAndAPositiveQuantity() {
    PipelineSpec missing = spec(node("a"));
    missing.setWorkspace(new WorkspaceSpec());
    PipelineSpec garbage = spec(node("a"));
    garbage.setWorkspace(new WorkspaceSpec("lots"));
    PipelineSpec zero = spec(node("a"));
    zero.setWorkspace(new WorkspaceSpec("0Gi"));
    PipelineSpec negative = spec(node("a"));
    negative.setWorkspace(new WorkspaceSpec("-1Gi"));

    assertThat(validate(missing)).containsExactly("spec.workspace.size: is required (e.g. 1Gi)");
    assertThat(validate(garbage)).singleElement().asString()
        .startsWith("spec.workspace.size: \"lots\" is not a quantity");
    assertThat(validate(zero)).containsExactly("spec.workspace.size: must be more than 0, got \"0Gi\"");
    assertThat(validate(negative)).containsExactly("spec.workspace.size: must be more than 0, got \"-1Gi\"");
  }

  @Test
  void accessModesMustBeReadWriteOnceOrReadWriteManyEachOnce() {
    PipelineSpec spec = spec(node("a"));
    WorkspaceSpec workspace = new WorkspaceSpec("1Gi");
    workspace.setAccessModes(List.of("ReadWriteMany", "ReadOnlyMany", "ReadWriteOncePod", "Sometimes",
        "ReadWriteMany"));
    spec.setWorkspace(workspace);

    assertThat(validate(spec)).containsExactly(
        "spec.workspace.accessModes[1]: ReadOnlyMany is not supported for a workspace: a workspace starts empty "
            + "and nodes could not write to it (use ReadWriteOnce or ReadWriteMany)",
        "spec.workspace.accessModes[2]: ReadWriteOncePod is not supported for a workspace: it would let only one "
            + "pod of the run use the workspace at a time (use ReadWriteOnce or ReadWriteMany)",
        "spec.workspace.accessModes[3]: \"Sometimes\" is not an access mode (use ReadWriteOnce or ReadWriteMany)",
        "spec.workspace.accessModes[4]: duplicate access mode ReadWriteMany");
  }

  @Test
  void storageClassNameMustBeAnObjectNameWhenSet() {
    PipelineSpec spec = spec(node("a"));
    WorkspaceSpec workspace = new WorkspaceSpec("1Gi");
    workspace.setStorageClassName("Fast_SSD");
    spec.setWorkspace(workspace);

    assertThat(validate(spec)).singleElement().asString()
        .startsWith("spec.workspace.storageClassName: \"Fast_SSD\" is not a valid storage class name");
  }

  @Test
  void volumeNamesAreUniqueLabelsAndWorkspaceIsReserved() {
    PipelineSpec spec = spec(node("a"));
    spec.setVolumes(Arrays.asList(configMap("cfg"), configMap("cfg"), configMap("workspace"), configMap("Bad_Name"),
        new VolumeBuilder().withNewEmptyDir().endEmptyDir().build(), null));

    assertThat(validate(spec)).containsExactly(
        "spec.volumes[1].name: duplicate volume name \"cfg\" (already used by spec.volumes[0])",
        "spec.volumes[2].name: the name \"workspace\" is reserved for the run's workspace (spec.workspace)",
        "spec.volumes[3].name: \"Bad_Name\" is not a valid volume name (a DNS-1123 label: lower case letters, "
            + "digits and '-', starting and ending with a letter or digit, at most 63 characters)",
        "spec.volumes[4].name: is required",
        "spec.volumes[5]: is empty (a volume needs a name and a source such as configMap)");
  }

  @Test
  void aVolumeHasExactlyOneSource() {
    PipelineSpec spec = spec(node("a"));
    spec.setVolumes(List.of(new VolumeBuilder().withName("none").build(),
        new VolumeBuilder().withName("two").withNewEmptyDir().endEmptyDir().withNewSecret().withSecretName("s")
            .endSecret().build()));

    assertThat(validate(spec)).containsExactly(
        "spec.volumes[0]: needs a volume source (e.g. configMap, secret, persistentVolumeClaim, emptyDir)",
        "spec.volumes[1]: has 2 volume sources (emptyDir, secret); a volume has exactly one");
  }

  @Test
  void aMountNamesADeclaredVolumeOrTheWorkspaceWhenThereIsOne() {
    PipelineSpec spec = spec(node("a"), mounting("b", mount("cfg", "/etc/cfg"), mount("nope", "/etc/nope"),
        mount("workspace", "/data"), mount(null, "/etc/x")));
    spec.setVolumes(List.of(configMap("cfg")));

    assertThat(validate(spec)).containsExactly(
        "spec.nodes[1].volumeMounts[1].name: unknown volume \"nope\" (declare it in spec.volumes)",
        "spec.nodes[1].volumeMounts[2].name: volume \"workspace\" is the run's workspace, but spec.workspace is "
            + "not set",
        "spec.nodes[1].volumeMounts[3].name: is required");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/workspace", "/workspace/", "/workspace/in", "//workspace", "/tmp/../workspace/x",
      "/./workspace"})
  void noMountAtOrUnderWorkspace(String path) {
    PipelineSpec spec = spec(mounting("a", mount("cfg", path)));
    spec.setVolumes(List.of(configMap("cfg")));

    assertThat(validate(spec)).containsExactly("spec.nodes[0].volumeMounts[0].mountPath: \"" + path
        + "\" is reserved: the workspace is mounted at /workspace in every node; mount at another path");
  }

  @Test
  void mountPathsAreAbsoluteAndUniqueAndSubPathsRelative() {
    PipelineSpec spec = spec(mounting("a", mount("cfg", "/etc/cfg"), mount("cfg", "/etc/cfg/"),
        mount("cfg", "etc"), mount("cfg", null), mount("cfg", "/workspaces"),
        new VolumeMountBuilder().withName("cfg").withMountPath("/x").withSubPath("/abs").build(),
        new VolumeMountBuilder().withName("cfg").withMountPath("/y").withSubPath("a/../../b").build()));
    spec.setVolumes(List.of(configMap("cfg")));

    assertThat(validate(spec)).containsExactly(
        "spec.nodes[0].volumeMounts[1].mountPath: duplicate mountPath \"/etc/cfg/\" (already used by "
            + "spec.nodes[0].volumeMounts[0])",
        "spec.nodes[0].volumeMounts[2].mountPath: \"etc\" must be an absolute path",
        "spec.nodes[0].volumeMounts[3].mountPath: is required",
        "spec.nodes[0].volumeMounts[5].subPath: \"/abs\" must be a relative path",
        "spec.nodes[0].volumeMounts[6].subPath: \"a/../../b\" must not contain '..'");
  }

  @Test
  void anInlineSpecIsJudgedUnderItsOwnPrefix() {
    PipelineSpec spec = spec(mounting("a", mount("nope", "/x")));

    assertThat(validator.validate(spec, "spec.pipelineSpec"))
        .containsExactly("spec.pipelineSpec.nodes[0].volumeMounts[0].name: unknown volume \"nope\" (declare it in "
            + "spec.volumes)");
  }
}
