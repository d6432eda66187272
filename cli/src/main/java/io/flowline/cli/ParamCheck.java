package io.flowline.cli;

import io.flowline.engine.PipelineNodes;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.cli.render.Table;
import io.flowline.engine.ParamResolver;
import io.flowline.engine.PipelineValidator;
import io.flowline.engine.ResolvedPipeline;
import io.flowline.engine.RunSpecChecks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refuses, before anything is created, what the operator would refuse when the run starts (RunStarter): an invalid
 * Pipeline (PipelineValidator, reason PipelineInvalid) and params the operator's own ParamResolver rejects (reason
 * InvalidParams), with the operator's messages, followed by the params the pipeline declares: types, defaults and
 * allowed values.
 */
public final class ParamCheck {
  private ParamCheck() {
  }

  /** {@link #check(Pipeline, PipelineRunSpec, ResolvedPipeline.Templates)} for a pipeline that uses no template. */
  public static void check(Pipeline pipeline, PipelineRunSpec spec) {
    check(pipeline, spec, template -> Optional.empty());
  }

  /**
   * Judges the pipeline with its nodes' templates resolved, as the run would snapshot it.
   *
   * @throws CliException (exit code 2) listing every problem
   */
  public static void check(Pipeline pipeline, PipelineRunSpec spec, ResolvedPipeline.Templates templates) {
    String name = pipeline.getMetadata().getName();
    if (pipeline.getSpec() == null) {
      throw CliException.usage("pipeline " + name + " has no spec");
    }
    ResolvedPipeline resolved = ResolvedPipeline.of(pipeline.getSpec(), "spec", pipeline.getMetadata().getNamespace(),
        templates, new PipelineValidator());
    PipelineSpec definition = resolved.spec();
    List<String> invalid = resolved.problems();
    if (!invalid.isEmpty()) {
      throw CliException.usage("pipeline " + name + " is invalid (a run of it would fail with PipelineInvalid):\n  "
          + String.join("\n  ", invalid));
    }
    List<String> problems = new ArrayList<>(
        new ParamResolver().resolve(definition, spec.getParams(), spec.getNodeParams()).problems());
    problems.addAll(RunSpecChecks.settingProblems(spec));
    problems.addAll(RunSpecChecks.skipProblems(spec, definition));
    if (!problems.isEmpty()) {
      throw CliException.usage("invalid params for pipeline " + name
          + " (the operator would fail the run with InvalidParams):\n  " + String.join("\n  ", problems)
          + "\n" + declared(definition, name));
    }
  }

  /** The params a pipeline declares, as a table: what -p and --node-param accept. */
  public static String declared(PipelineSpec definition, String name) {
    Table table = new Table("PARAM", "TYPE", "REQUIRED/DEFAULT", "ALLOWED", "DESCRIPTION");
    definition.getParams().forEach(p -> row(table, "-p " + p.getName(), p));
    for (NodeSpec node : PipelineNodes.all(definition)) {
      node.getParams().forEach(p -> row(table, "--node-param " + node.getName() + "." + p.getName(), p));
    }
    if (table.isEmpty()) {
      return "pipeline " + name + " declares no params.";
    }
    return "params of pipeline " + name + ":\n" + table.render().stripTrailing();
  }

  private static void row(Table table, String option, ParamSpec param) {
    String requirement = param.isRequired() ? "required"
        : param.getDefaultValue() == null ? "optional" : "default \"" + param.getDefaultValue() + "\"";
    String allowed = param.getAllowedValues().isEmpty() ? "any " + param.effectiveType().name().toLowerCase()
        : String.join(" | ", param.getAllowedValues());
    table.row(option, param.effectiveType().name().toLowerCase(), requirement, allowed,
        param.getDescription() == null ? "" : param.getDescription());
  }
}
