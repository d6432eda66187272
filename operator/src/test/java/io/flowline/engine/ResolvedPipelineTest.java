package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeDefaults;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.PipelineSpec;
import io.flowline.api.TemplateRef;
import io.flowline.api.WorkspaceSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolvedPipelineTest {
  private final PipelineValidator validator = new PipelineValidator();
  private final Map<String, NodeTemplateSpec> templates = new HashMap<>();
  private final List<String> lookedUp = new ArrayList<>();

  private ResolvedPipeline resolve(PipelineSpec spec) {
    return ResolvedPipeline.of(spec, "spec", "team-a", name -> {
      lookedUp.add(name);
      return Optional.ofNullable(templates.get(name));
    }, validator);
  }

  private static NodeTemplateSpec template(String image, String... outputs) {
    NodeTemplateSpec template = new NodeTemplateSpec();
    template.setImage(image);
    template.setCommand(new ArrayList<>(List.of("sh", "-c")));
    template.setArgs(new ArrayList<>(List.of("echo $(params.table); echo rows=1 > /dev/termination-log")));
    template.setParams(new ArrayList<>(List.of(new ParamSpec("table", ParamType.STRING))));
    template.getParams().get(0).setDefaultValue("orders");
    template.setOutputs(new ArrayList<>(List.of(outputs)));
    return template;
  }

  private static NodeSpec templated(String name, String template, String... dependsOn) {
    NodeSpec node = node(name, dependsOn);
    node.setImage(null);
    node.setTemplateRef(new TemplateRef(template));
    return node;
  }

  private static PipelineSpec spec(NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setDescription("nightly");
    spec.setTimeout("1h");
    spec.setDefaults(new NodeDefaults());
    spec.getDefaults().setTimeout("5m");
    spec.setNodes(new ArrayList<>(List.of(nodes)));
    return spec;
  }

  @Test
  void resolvesEveryTemplatedNodeAndKeepsTheRestOfTheSpec() {
    templates.put("loader", template("busybox:1.36", "rows"));
    NodeSpec plain = node("extract");
    NodeSpec use = node("use", "load");
    use.setArgs(new ArrayList<>(List.of("echo $(nodes.load.outputs.rows)")));
    PipelineSpec spec = spec(plain, templated("load", "loader", "extract"), use);

    ResolvedPipeline resolved = resolve(spec);

    assertThat(resolved.problems()).as("an output declared by the template is known to dependents").isEmpty();
    assertThat(resolved.valid()).isTrue();
    PipelineSpec result = resolved.spec();
    assertThat(result.getNodes()).extracting(NodeSpec::getName).containsExactly("extract", "load", "use");
    NodeSpec load = result.getNodes().get(1);
    assertThat(load.getTemplateRef()).isNull();
    assertThat(load.getImage()).isEqualTo("busybox:1.36");
    assertThat(load.getDependsOn()).containsExactly("extract");
    assertThat(load.getOutputs()).containsExactly("rows");
    assertThat(result.getDescription()).isEqualTo("nightly");
    assertThat(result.getTimeout()).isEqualTo("1h");
    assertThat(result.getDefaults().getTimeout()).isEqualTo("5m");
    assertThat(spec.getNodes().get(1).getTemplateRef()).as("the given spec is not changed").isNotNull();
    assertThat(spec.getNodes().get(1).getImage()).isNull();
  }

  @Test
  void theRestOfTheSpecSurvivesResolutionAsWrittenAnEmptyStorageClassToo() {
    templates.put("loader", template("busybox:1.36"));
    PipelineSpec spec = spec(templated("load", "loader"));
    WorkspaceSpec workspace = new WorkspaceSpec();
    workspace.setSize("1Gi");
    workspace.setStorageClassName("");
    spec.setWorkspace(workspace);
    NodeSpec mounting = templated("mount", "loader");
    mounting.setVolumeMounts(new ArrayList<>(List.of(new VolumeMountBuilder().withName("workspace")
        .withMountPath("/data").build())));
    spec.getNodes().add(mounting);

    ResolvedPipeline resolved = resolve(spec);

    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.spec().getWorkspace().getStorageClassName()).isEmpty();
    assertThat(resolved.spec().getWorkspace().getSize()).isEqualTo("1Gi");
    assertThat(resolved.spec().getNodes().get(1).getVolumeMounts()).extracting(VolumeMount::getMountPath)
        .containsExactly("/data");
  }

  @Test
  void finallyNodesResolveTheirTemplatesTooAndTheirProblemsNameThem() {
    templates.put("notifier", template("busybox:1.36"));
    PipelineSpec spec = spec(node("build"));
    spec.setFinallyNodes(new ArrayList<>(List.of(templated("notify", "notifier"), templated("page", "pager"))));

    ResolvedPipeline resolved = resolve(spec);

    assertThat(resolved.problems()).containsExactly("spec.finally[1].templateRef.name: NodeTemplate \"pager\" not "
        + "found in namespace \"team-a\" (node \"page\")");
    NodeSpec notify = resolved.spec().getFinallyNodes().get(0);
    assertThat(notify.getTemplateRef()).isNull();
    assertThat(notify.getImage()).isEqualTo("busybox:1.36");
    assertThat(resolved.spec().getNodes()).extracting(NodeSpec::getName).containsExactly("build");

    templates.put("pager", template("Busybox"));
    assertThat(resolve(spec).problems()).singleElement().asString().startsWith("spec.finally[1].image: ")
        .endsWith("(the node uses NodeTemplate \"pager\")");
  }

  @Test
  void aSpecWithoutTemplatesIsTheSpecItselfAndLooksNothingUp() {
    PipelineSpec spec = spec(node("a"));

    ResolvedPipeline resolved = resolve(spec);

    assertThat(resolved.spec()).isSameAs(spec);
    assertThat(resolved.problems()).isEmpty();
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void aMissingTemplateNamesTheTemplateTheNodeAndTheNamespaceOnce() {
    PipelineSpec spec = spec(node("extract"), templated("load", "loader", "extract"));

    ResolvedPipeline resolved = resolve(spec);

    assertThat(resolved.problems()).as("no second problem about the image the template would have given")
        .containsExactly("spec.nodes[1].templateRef.name: NodeTemplate \"loader\" not found in namespace "
            + "\"team-a\" (node \"load\")");
    assertThat(resolved.spec().getNodes().get(1).getTemplateRef().getName()).isEqualTo("loader");
  }

  @Test
  void aBadImageInTheTemplateMakesThePipelineInvalidAndSaysWhereItCameFrom() {
    templates.put("loader", template("Busybox:1.36"));

    ResolvedPipeline resolved = resolve(spec(node("extract"), templated("load", "loader", "extract")));

    assertThat(resolved.problems()).singleElement().asString()
        .startsWith("spec.nodes[1].image: ")
        .endsWith(" (the node uses NodeTemplate \"loader\")");
  }

  @Test
  void aTemplateWithoutImageNeedsTheNodeToSetOne() {
    templates.put("shell", template(null));

    assertThat(resolve(spec(templated("load", "shell"))).problems()).containsExactly(
        "spec.nodes[0].image: is required: node \"load\" sets no image and no template gives one "
            + "(the node uses NodeTemplate \"shell\")");
    NodeSpec withImage = templated("load", "shell");
    withImage.setImage("busybox:1.36");
    assertThat(resolve(spec(withImage)).problems()).isEmpty();
  }

  @Test
  void aNodeParamNamedLikeAPipelineParamIsReportedAfterMerging() {
    templates.put("loader", template("busybox:1.36"));
    PipelineSpec spec = spec(templated("load", "loader"));
    spec.setParams(new ArrayList<>(List.of(new ParamSpec("table", ParamType.STRING))));

    assertThat(resolve(spec).problems()).singleElement().asString().startsWith("spec.nodes[0].params[0].name: ")
        .contains("table");
  }

  @Test
  void aMalformedOrEmptyTemplateNameIsReportedWithoutALookup() {
    NodeSpec empty = templated("a", "");
    NodeSpec malformed = templated("b", "Not_A_Name");

    List<String> problems = resolve(spec(empty, malformed)).problems();

    assertThat(problems).containsExactly("spec.nodes[0].templateRef.name: is required (node \"a\")",
        "spec.nodes[1].templateRef.name: \"Not_A_Name\" is not a valid NodeTemplate name (a DNS-1123 subdomain: "
            + "lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 "
            + "characters) (node \"b\")");
    assertThat(lookedUp).isEmpty();
  }

  @Test
  void pathsFollowTheFieldPrefixOfAnInlineSpec() {
    ResolvedPipeline resolved = ResolvedPipeline.of(spec(templated("load", "loader")), "spec.pipelineSpec", "ns",
        name -> Optional.empty(), validator);

    assertThat(resolved.problems()).containsExactly("spec.pipelineSpec.nodes[0].templateRef.name: NodeTemplate "
        + "\"loader\" not found in namespace \"ns\" (node \"load\")");
  }

  @Test
  void nullNodesAndANullSpecDoNotThrow() {
    PipelineSpec spec = spec(templated("load", "loader"));
    spec.getNodes().add(null);

    assertThat(resolve(spec).problems()).hasSize(2);
    assertThat(resolve(null).problems()).containsExactly("spec: is required");
  }
}
