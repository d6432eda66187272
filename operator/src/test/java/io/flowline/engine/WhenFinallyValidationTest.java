package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.WhenCondition;
import io.flowline.api.WhenOperator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validator's rules for {@code when} and {@code finally}. */
class WhenFinallyValidationTest {
  private final PipelineValidator validator = new PipelineValidator();

  private static PipelineSpec spec(List<NodeSpec> nodes, List<NodeSpec> finallyNodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(nodes));
    spec.setFinallyNodes(new ArrayList<>(finallyNodes));
    ParamSpec mode = new ParamSpec("mode", null);
    mode.setDefaultValue("full");
    spec.setParams(new ArrayList<>(List.of(mode)));
    return spec;
  }

  private static NodeSpec withWhen(NodeSpec node, WhenCondition... conditions) {
    node.setWhen(new ArrayList<>(Arrays.asList(conditions)));
    return node;
  }

  private static NodeSpec withArgs(NodeSpec node, String... args) {
    node.setArgs(new ArrayList<>(Arrays.asList(args)));
    return node;
  }

  private static WhenCondition when(String input, WhenOperator operator, String... values) {
    return new WhenCondition(input, operator, new ArrayList<>(Arrays.asList(values)));
  }

  @Test
  void acceptsConditionsOnParamsRunFieldsAndAncestorOutputs() {
    NodeSpec a = node("a");
    a.setOutputs(new ArrayList<>(List.of("rows")));
    NodeSpec b = withWhen(node("b", "a"), when("$(params.mode)", WhenOperator.in, "full"),
        when("$(nodes.a.outputs.rows)-$(run.name)", WhenOperator.notin, "0-x"));
    assertThat(validator.validate(spec(List.of(a, b), List.of()), "spec")).isEmpty();
  }

  @Test
  void namesEveryProblemOfACondition() {
    NodeSpec a = node("a");
    a.setOutputs(new ArrayList<>(List.of("rows")));
    NodeSpec side = node("side");
    side.setOutputs(new ArrayList<>(List.of("n")));
    NodeSpec b = withWhen(node("b", "a"),
        when("$(params.ghost)", WhenOperator.in, "x"),
        when("$(nodes.side.outputs.n)", WhenOperator.in, "x"),
        when(null, null),
        null,
        when("$(run.status)", WhenOperator.in, "Failed"));
    assertThat(validator.validate(spec(List.of(a, side, b), List.of()), "spec")).containsExactly(
        "spec.nodes[2].when[0].input: $(params.ghost) refers to unknown param \"ghost\"",
        "spec.nodes[2].when[1].input: $(nodes.side.outputs.n): node \"side\" is not an ancestor of \"b\" (add it "
            + "to dependsOn, directly or through a node in between)",
        "spec.nodes[2].when[2].input: is required",
        "spec.nodes[2].when[2].operator: is required (in or notin)",
        "spec.nodes[2].when[2].values: at least one value is required",
        "spec.nodes[2].when[3]: is empty (a condition needs input, operator and values)",
        "spec.nodes[2].when[4].input: $(run.status) is only available in finally nodes (it is the outcome of the "
            + "main part)");
  }

  @Test
  void acceptsFinallyNodesThatDependOnEachOtherAndReadTheRunStatusPhasesAndMainOutputs() {
    NodeSpec a = node("a");
    a.setOutputs(new ArrayList<>(List.of("rows")));
    NodeSpec notify = withArgs(node("notify"), "run $(run.status) a was $(nodes.a.phase) rows $(nodes.a.outputs.rows)");
    notify.setOutputs(new ArrayList<>(List.of("sent")));
    NodeSpec cleanup = withWhen(withArgs(node("cleanup", "notify"), "$(nodes.notify.outputs.sent)"),
        when("$(run.status)", WhenOperator.notin, "Succeeded"));
    PipelineSpec spec = spec(List.of(a), List.of(notify, cleanup));
    spec.setFinallyTimeout("5m");
    assertThat(validator.validate(spec, "spec")).isEmpty();
  }

  @Test
  void keepsTheTwoListsApartAndTheirNamesUnique() {
    NodeSpec a = node("a", "notify");
    NodeSpec b = withArgs(node("b"), "$(nodes.a.phase) $(nodes.notify.outputs.x) $(run.status)");
    NodeSpec notify = node("notify", "a");
    notify.setOutputs(new ArrayList<>(List.of("x")));
    NodeSpec again = withArgs(node("b"), "$(nodes.notify.phase) $(nodes.ghost.phase)");
    PipelineSpec spec = spec(List.of(a, b), List.of(notify, again));
    spec.setFinallyTimeout("soon");
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.finallyTimeout: \"soon\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.nodes[0].dependsOn[0]: node \"notify\" is a finally node: main nodes cannot depend on finally nodes",
        "spec.nodes[1].args[0]: $(nodes.a.phase) is only available in finally nodes (a main node's phase is known "
            + "once the main part has ended)",
        "spec.nodes[1].args[0]: $(nodes.notify.outputs.x): node \"notify\" is a finally node, which runs after "
            + "every main node",
        "spec.nodes[1].args[0]: $(run.status) is only available in finally nodes (it is the outcome of the main "
            + "part)",
        "spec.finally[0].dependsOn[0]: node \"a\" is a main node: finally nodes start after every main node has "
            + "finished and cannot depend on one",
        "spec.finally[1].name: duplicate node name \"b\" (already used by spec.nodes[1])",
        "spec.finally[1].args[0]: $(nodes.notify.phase): node \"notify\" is a finally node; $(nodes.NODE.phase) "
            + "reads main nodes only",
        "spec.finally[1].args[0]: $(nodes.ghost.phase) refers to unknown node \"ghost\"");
  }

  @Test
  void findsCyclesAmongFinallyNodes() {
    PipelineSpec spec = spec(List.of(node("a")), List.of(node("x", "y"), node("y", "x")));
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.finally: dependency cycle x -> y -> x (each node depends on the next)");
  }

  @Test
  void checksTheVolumeMountsOfFinallyNodes() {
    NodeSpec notify = node("notify");
    notify.setVolumeMounts(new ArrayList<>(List.of(new io.fabric8.kubernetes.api.model.VolumeMountBuilder()
        .withName("ghost").withMountPath("/etc/ghost").build())));
    assertThat(validator.validate(spec(List.of(node("a")), List.of(notify)), "spec"))
        .singleElement().asString().startsWith("spec.finally[0].volumeMounts[0]");
  }
}
