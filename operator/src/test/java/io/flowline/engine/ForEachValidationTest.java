package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.ForEachSpec;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the validator says of forEach, maxParallel, $(item) and array params. */
class ForEachValidationTest {
  private final PipelineValidator validator = new PipelineValidator();

  private static PipelineSpec spec(NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(List.of(nodes)));
    return spec;
  }

  private static NodeSpec fanOut(String name, ForEachSpec forEach, String... dependsOn) {
    NodeSpec node = node(name, dependsOn);
    node.setForEach(forEach);
    node.setArgs(List.of("echo $(item) $(item.index)"));
    return node;
  }

  private static ForEachSpec param(String name) {
    ForEachSpec forEach = new ForEachSpec();
    forEach.setParam(name);
    return forEach;
  }

  private static ForEachSpec output(String reference) {
    ForEachSpec forEach = new ForEachSpec();
    forEach.setOutput(reference);
    return forEach;
  }

  @Test
  void acceptsEachKindOfItems() {
    NodeSpec list = node("list");
    list.setOutputs(List.of("regions"));
    PipelineSpec spec = spec(list, fanOut("literal", ForEachSpec.ofItems(List.of("eu", "us"))),
        fanOut("from-param", param("regions")), fanOut("from-output", output("nodes.list.outputs.regions"), "list"));
    spec.setParams(new ArrayList<>(List.of(new ParamSpec("regions", ParamType.ARRAY))));
    spec.getParams().get(0).setDefaultValue("[\"eu\"]");
    spec.getNodes().get(1).setMaxParallel(2);

    assertThat(validator.validate(spec, "spec")).isEmpty();
  }

  @Test
  void wantsExactlyOneSourceOfItems() {
    ForEachSpec both = ForEachSpec.ofItems(List.of("a"));
    both.setParam("p");
    assertThat(validator.validate(spec(fanOut("each", new ForEachSpec())), "spec"))
        .containsExactly("spec.nodes[0].forEach: set exactly one of items, param or output");
    assertThat(validator.validate(spec(fanOut("each", both)), "spec"))
        .contains("spec.nodes[0].forEach: set exactly one of items, param or output");
  }

  @Test
  void aParamSourceMustBeAKnownArrayParam() {
    PipelineSpec spec = spec(fanOut("each", param("regions")), fanOut("other", param("missing")));
    spec.setParams(new ArrayList<>(List.of(new ParamSpec("regions", ParamType.STRING))));
    spec.getParams().get(0).setDefaultValue("eu");

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.nodes[0].forEach.param: param \"regions\" must be of type array (a JSON array of strings), not string",
        "spec.nodes[1].forEach.param: unknown param \"missing\"");
  }

  @Test
  void anOutputSourceMustBeADeclaredOutputOfAnAncestor() {
    NodeSpec list = node("list");
    list.setOutputs(List.of("regions"));
    assertThat(validator.validate(spec(list, fanOut("each", output("nodes.list.outputs.regions"))), "spec"))
        .containsExactly("spec.nodes[1].forEach.output: $(nodes.list.outputs.regions): node \"list\" is not an "
            + "ancestor of \"each\" (add it to dependsOn, directly or through a node in between)");
    assertThat(validator.validate(spec(list, fanOut("each", output("nodes.list.outputs.other"), "list")), "spec"))
        .containsExactly("spec.nodes[1].forEach.output: $(nodes.list.outputs.other): node \"list\" does not "
            + "declare output \"other\"");
  }

  @Test
  void moreThanAThousandLiteralItemsAreRefused() {
    List<String> items = Collections.nCopies(ForEachSpec.MAX_ITEMS + 1, "x");
    assertThat(validator.validate(spec(fanOut("each", ForEachSpec.ofItems(items))), "spec"))
        .containsExactly("spec.nodes[0].forEach.items: has 1001 items; at most 1000");
  }

  @Test
  void itemReferencesAndMaxParallelNeedForEach() {
    NodeSpec plain = node("plain");
    plain.setArgs(List.of("echo $(item)", "$(item.name)"));
    plain.setMaxParallel(2);

    assertThat(validator.validate(spec(plain), "spec")).containsExactly(
        "spec.nodes[0].args[0]: $(item) is only available in a node with forEach",
        "spec.nodes[0].args[1]: $(item.name) refers to unknown item field (use $(item) or $(item.index))",
        "spec.nodes[0].maxParallel: is only allowed with forEach");
  }

  @Test
  void aNodeMayNotTakeTheNameOfAForEachChild() {
    assertThat(validator.validate(spec(fanOut("each", ForEachSpec.ofItems(List.of("a"))), node("each-0")), "spec"))
        .containsExactly("spec.nodes[1].name: node name \"each-0\" is taken by item 0 of forEach node \"each\"");
  }

  @Test
  void aFinallyNodeMayNotTakeTheNameOfAMainForEachChildNorTheOtherWayRound() {
    PipelineSpec spec = spec(fanOut("each", ForEachSpec.ofItems(List.of("a"))), node("last-1"));
    spec.setFinallyNodes(new ArrayList<>(List.of(node("each-0"), fanOut("last", ForEachSpec.ofItems(List.of("b"))))));

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.nodes[1].name: node name \"last-1\" is taken by item 1 of forEach node \"last\"",
        "spec.finally[0].name: node name \"each-0\" is taken by item 0 of forEach node \"each\"");
  }

  @Test
  void arrayParamValuesMustBeJsonArraysOfStrings() {
    assertThat(ParamTypes.problem(ParamType.ARRAY, "[\"eu\",\"us\"]")).isEmpty();
    assertThat(ParamTypes.problem(ParamType.ARRAY, "[]")).isEmpty();
    assertThat(ParamTypes.problem(ParamType.ARRAY, "[1,2]")).isPresent();
    assertThat(ParamTypes.problem(ParamType.ARRAY, "eu,us")).get().asString()
        .isEqualTo("\"eu,us\" is not an array (use a JSON array of strings, e.g. [\"eu\",\"us\"])");
    assertThat(ParamTypes.problem(ParamType.ARRAY, "[\"a\"] trailing")).isPresent();
  }

  @Test
  void childNamesParseBackToTheirParentAndIndex() {
    assertThat(ForEachChildren.parse(ForEachChildren.childName("per-region", 12)))
        .contains(new ForEachChildren.Child("per-region", 12));
    assertThat(ForEachChildren.parse("per-region-01")).as("no leading zeros").isEmpty();
    assertThat(ForEachChildren.parse("per-region")).isEmpty();
    assertThat(ForEachChildren.parse("x-")).isEmpty();
  }
}
