package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.PullPolicy;
import io.flowline.api.RetrySpec;
import io.flowline.api.TemplateRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeTemplateMergeTest {
  private static NodeTemplateSpec loader() {
    NodeTemplateSpec template = new NodeTemplateSpec();
    template.setImage("busybox:1.36");
    template.setCommand(new ArrayList<>(List.of("sh", "-c")));
    template.setArgs(new ArrayList<>(List.of("echo load $(params.table) from $(params.source)")));
    template.setEnv(new ArrayList<>(List.of(new EnvVar("A", "1", null))));
    template.setParams(new ArrayList<>(List.of(param("table", null, true), param("source", "s3", null))));
    template.setOutputs(new ArrayList<>(List.of("rows")));
    template.setRetry(new RetrySpec(2, "5s"));
    template.setTimeout("10m");
    template.setAllowFailure(true);
    template.setNodeSelector(Map.of("pool", "etl"));
    template.setResources(new ResourceRequirementsBuilder().addToLimits("cpu", new Quantity("500m")).build());
    template.setWorkingDir("/data");
    template.setImagePullPolicy(PullPolicy.IfNotPresent);
    template.setServiceAccountName("etl");
    return template;
  }

  private static ParamSpec param(String name, String defaultValue, Boolean required) {
    ParamSpec param = new ParamSpec(name, ParamType.STRING);
    param.setDefaultValue(defaultValue);
    param.setRequired(required);
    return param;
  }

  private static NodeSpec node(String name) {
    NodeSpec node = new NodeSpec();
    node.setName(name);
    node.setDependsOn(new ArrayList<>(List.of("extract")));
    node.setTemplateRef(new TemplateRef("loader"));
    return node;
  }

  @Test
  void aNodeThatSetsNothingIsTheTemplateWithItsOwnNameAndPlaceInTheDag() {
    NodeSpec merged = NodeTemplateMerge.merge(loader(), node("load"));

    assertThat(merged.getName()).isEqualTo("load");
    assertThat(merged.getDependsOn()).containsExactly("extract");
    assertThat(merged.getTemplateRef()).as("a resolved node names no template").isNull();
    assertThat(merged.getImage()).isEqualTo("busybox:1.36");
    assertThat(merged.getCommand()).containsExactly("sh", "-c");
    assertThat(merged.getArgs()).containsExactly("echo load $(params.table) from $(params.source)");
    assertThat(merged.getEnv()).extracting(EnvVar::getName).containsExactly("A");
    assertThat(merged.getParams()).extracting(ParamSpec::getName).containsExactly("table", "source");
    assertThat(merged.getOutputs()).containsExactly("rows");
    assertThat(merged.getRetry().getLimit()).isEqualTo(2);
    assertThat(merged.getTimeout()).isEqualTo("10m");
    assertThat(merged.isAllowFailure()).isTrue();
    assertThat(merged.getNodeSelector()).containsEntry("pool", "etl");
    assertThat(merged.getResources().getLimits()).containsEntry("cpu", new Quantity("500m"));
    assertThat(merged.getWorkingDir()).isEqualTo("/data");
    assertThat(merged.getImagePullPolicy()).isEqualTo(PullPolicy.IfNotPresent);
    assertThat(merged.getServiceAccountName()).isEqualTo("etl");
  }

  @Test
  void eachFieldTheNodeSetsReplacesTheTemplatesAsAWhole() {
    NodeSpec node = node("load");
    node.setImage("alpine:3.19");
    node.setArgs(new ArrayList<>(List.of("echo mine")));
    node.setEnv(new ArrayList<>(List.of(new EnvVar("B", "2", null))));
    node.setOutputs(new ArrayList<>(List.of("count")));
    RetrySpec retry = new RetrySpec();
    retry.setDelay("1s");
    node.setRetry(retry);
    node.setAllowFailure(false);
    node.setNodeSelector(Map.of("zone", "a"));
    node.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("64Mi")).build());

    NodeSpec merged = NodeTemplateMerge.merge(loader(), node);

    assertThat(merged.getImage()).isEqualTo("alpine:3.19");
    assertThat(merged.getCommand()).as("not set on the node: the template's").containsExactly("sh", "-c");
    assertThat(merged.getArgs()).containsExactly("echo mine");
    assertThat(merged.getEnv()).as("env is not merged by name").extracting(EnvVar::getName).containsExactly("B");
    assertThat(merged.getOutputs()).containsExactly("count");
    assertThat(merged.getRetry().getLimit()).as("retry replaced as a whole, not merged field by field").isNull();
    assertThat(merged.getRetry().getDelay()).isEqualTo("1s");
    assertThat(merged.getAllowFailure()).as("false set on the node is set").isFalse();
    assertThat(merged.getNodeSelector()).containsOnly(Map.entry("zone", "a"));
    assertThat(merged.getResources().getLimits()).isNullOrEmpty();
    assertThat(merged.getResources().getRequests()).containsEntry("memory", new Quantity("64Mi"));
  }

  @Test
  void paramsMergeByNameKeepingTheTemplatesOrderThenTheNodesNewOnes() {
    NodeSpec node = node("load");
    node.setParams(new ArrayList<>(List.of(param("extra", "x", null), param("table", "orders", null))));

    NodeSpec merged = NodeTemplateMerge.merge(loader(), node);

    assertThat(merged.getParams()).extracting(ParamSpec::getName).containsExactly("table", "source", "extra");
    ParamSpec table = merged.getParams().get(0);
    assertThat(table.getDefaultValue()).isEqualTo("orders");
    assertThat(table.getRequired()).as("the node's param replaces the template's whole, not field by field")
        .isNull();
    assertThat(merged.getParams().get(1).getDefaultValue()).isEqualTo("s3");
  }

  @Test
  void aParamRepeatedOnTheNodeStaysRepeatedForTheValidatorToReport() {
    NodeSpec node = node("load");
    node.setParams(new ArrayList<>(List.of(param("table", "a", null), param("table", "b", null),
        new ParamSpec())));

    NodeSpec merged = NodeTemplateMerge.merge(loader(), node);

    assertThat(merged.getParams()).extracting(ParamSpec::getName).containsExactly("table", "source", "table", null);
    assertThat(merged.getParams()).extracting(ParamSpec::getDefaultValue).containsExactly("a", "s3", "b", null);
  }

  @Test
  void emptyListsMapsObjectsAndStringsOnTheNodeKeepTheTemplates() {
    NodeSpec node = node("load");
    node.setArgs(new ArrayList<>());
    node.setParams(new ArrayList<>());
    node.setNodeSelector(Map.of());
    node.setTolerations(new ArrayList<>());
    node.setResources(new ResourceRequirements());
    node.setWorkingDir("");

    NodeSpec merged = NodeTemplateMerge.merge(loader(), node);

    assertThat(merged.getArgs()).hasSize(1);
    assertThat(merged.getParams()).hasSize(2);
    assertThat(merged.getNodeSelector()).containsEntry("pool", "etl");
    assertThat(merged.getResources().getLimits()).containsKey("cpu");
    assertThat(merged.getWorkingDir()).isEqualTo("/data");
  }

  @Test
  void neitherInputIsChangedNorSharedWithTheResult() {
    NodeTemplateSpec template = loader();
    NodeSpec node = node("load");
    node.setParams(new ArrayList<>(List.of(param("table", "orders", null))));

    NodeSpec merged = NodeTemplateMerge.merge(template, node);
    merged.getParams().forEach(param -> param.setDefaultValue("changed"));
    merged.getCommand().add("more");

    assertThat(template.getParams()).extracting(ParamSpec::getDefaultValue).containsExactly(null, "s3");
    assertThat(template.getCommand()).containsExactly("sh", "-c");
    assertThat(node.getParams().get(0).getDefaultValue()).isEqualTo("orders");
    assertThat(node.getTemplateRef()).isNotNull();
  }

  @Test
  void aTemplateGivenAsANodeLendsNoNameDependenciesOrTemplate() {
    NodeSpec template = node("other");
    template.setImage("busybox:1.36");
    NodeSpec node = new NodeSpec();
    node.setName("load");
    node.setTemplateRef(new TemplateRef("loader"));

    NodeSpec merged = NodeTemplateMerge.merge(template, node);

    assertThat(merged.getName()).isEqualTo("load");
    assertThat(merged.getDependsOn()).isEmpty();
    assertThat(merged.getTemplateRef()).isNull();
  }
}
