package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeParams;
import io.flowline.api.NodeTemplate;
import io.flowline.api.ParamValue;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRunSpec;
import io.flowline.engine.ResolvedPipeline;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The operator's own messages (ParamResolver, PipelineValidator), followed by what the pipeline accepts. */
class ParamCheckTest {
  private final Pipeline diamond = Serialization.unmarshal(Fixtures.DIAMOND, Pipeline.class);

  private static PipelineRunSpec spec(List<ParamValue> params, List<NodeParams> nodeParams) {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setParams(params);
    spec.setNodeParams(nodeParams);
    return spec;
  }

  @Test
  void validParamsPass() {
    ParamCheck.check(diamond, spec(List.of(new ParamValue("date", "2025-08-22"), new ParamValue("mode", "delta")),
        List.of(new NodeParams("c", List.of(new ParamValue("batch", "9"))))));
  }

  @Test
  void everyProblemIsReportedWithTheOperatorsMessageAndTheDeclaredParamsFollow() {
    assertThatThrownBy(() -> ParamCheck.check(diamond, spec(
        List.of(new ParamValue("mode", "fast"), new ParamValue("limit", "ten"), new ParamValue("colour", "red")),
        List.of(new NodeParams("c", List.of(new ParamValue("batch", "1.5"))),
            new NodeParams("zz", List.of())))))
        .isInstanceOfSatisfying(CliException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(ExitCodes.USAGE);
          assertThat(e.getMessage()).isEqualTo("""
              invalid params for pipeline diamond (the operator would fail the run with InvalidParams):
                spec.params.mode: "fast" is not one of [full, delta]
                spec.params.limit: "ten" is not an integer
                spec.params.colour: unknown param "colour"
                spec.params.date: required param is missing
                spec.nodeParams.c.batch: "1.5" is not an integer
                spec.nodeParams[1].node: unknown node "zz"
              params of pipeline diamond:
              PARAM                  TYPE      REQUIRED/DEFAULT   ALLOWED        DESCRIPTION
              -p date                date      required           any date       Business day
              -p mode                string    default "full"     full | delta
              -p limit               integer   default "100"      any integer
              --node-param c.batch   integer   default "5"        any integer""");
        });
  }

  @Test
  void anInvalidPipelineIsRefusedWithTheValidatorsProblems() {
    Pipeline broken = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: broken}
        spec:
          nodes: [{name: a, image: busybox, dependsOn: [ghost]}]
        """, Pipeline.class);
    assertThatThrownBy(() -> ParamCheck.check(broken, new PipelineRunSpec()))
        .hasMessageStartingWith("pipeline broken is invalid (a run of it would fail with PipelineInvalid):\n  spec.nodes")
        .hasMessageContaining("ghost");
  }

  @Test
  void aPipelineWithoutParamsSaysSo() {
    Pipeline plain = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: plain}
        spec: {nodes: [{name: a, image: busybox}]}
        """, Pipeline.class);
    assertThatThrownBy(() -> ParamCheck.check(plain, spec(List.of(new ParamValue("x", "1")), List.of())))
        .hasMessageEndingWith("spec.params.x: unknown param \"x\"\npipeline plain declares no params.");
  }

  @Test
  void templatesAreResolvedAsTheRunWillResolveThemTheirParamsIncluded() {
    Pipeline templated = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: loads}
        spec:
          nodes:
          - {name: load, templateRef: {name: loader}}
          - {name: report, dependsOn: [load], image: busybox, args: ["$(nodes.load.outputs.rows)"]}
        """, Pipeline.class);
    NodeTemplate loader = Serialization.unmarshal("""
        apiVersion: flowline.io/v1alpha1
        kind: NodeTemplate
        metadata: {name: loader}
        spec:
          image: busybox
          params: [{name: table, type: string, default: orders}]
          outputs: [rows]
        """, NodeTemplate.class);
    ResolvedPipeline.Templates found = name -> name.equals("loader") ? Optional.of(loader.getSpec())
        : Optional.empty();

    ParamCheck.check(templated, spec(List.of(), List.of(new NodeParams("load",
        List.of(new ParamValue("table", "customers"))))), found);
    assertThatThrownBy(() -> ParamCheck.check(templated, new PipelineRunSpec(), name -> Optional.empty()))
        .hasMessageContaining("spec.nodes[0].templateRef.name: NodeTemplate \"loader\" not found");
  }
}
