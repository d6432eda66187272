package io.flowline.cli.commands;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.RerunOf;
import io.flowline.cli.CliException;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.ParamArgs;
import io.flowline.cli.ParamCheck;
import io.flowline.cli.RunLauncher;
import io.flowline.cli.RunWaiter;
import io.flowline.cli.Session;
import io.flowline.cli.WaitOptions;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rerun RUN}: a new run of RUN's pipeline with spec.rerunOf, which copies RUN's Succeeded nodes except the
 * --from nodes and what is downstream of them; params are RUN's, overridden by -p and --node-param.
 */
@Command(name = "rerun", description = {"Create a new run from finished RUN (spec.rerunOf): its Succeeded nodes "
    + "are copied except the --from nodes and everything downstream; without --from only what did not succeed "
    + "runs again. Params are RUN's, overridden by -p / --node-param."},
    footer = {"", "Example: kubectl flowline rerun nightly-etl-x7k2p --from load -p mode=delta"})
public final class RerunCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String source;

  @Option(names = "--from", paramLabel = "NODE", description = "Run this node and its descendants again (repeatable).")
  List<String> fromNodes = new ArrayList<>();

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Override a param of RUN (repeatable).")
  List<String> params = new ArrayList<>();

  @Option(names = "--node-param", paramLabel = "NODE.NAME=VALUE", description = "Override a node param (repeatable).")
  List<String> nodeParams = new ArrayList<>();

  @Mixin
  WaitOptions wait;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    var overrides = ParamArgs.params(params);
    var nodeOverrides = ParamArgs.nodeParams(nodeParams);
    Session session = session();
    PipelineRun original = session.run(source);
    PipelineRunSpec old = original.getSpec() == null ? new PipelineRunSpec() : original.getSpec();
    if (old.getPipelineRef() == null || old.getPipelineRef().getName() == null) {
      throw new CliException(ExitCodes.USAGE, "pipelinerun " + source
          + " has an inline pipelineSpec; spec.rerunOf needs a run of a Pipeline (pipelineRef)");
    }
    if (!RunWaiter.finished(original)) {
      throw new CliException(ExitCodes.USAGE, "pipelinerun " + source + " has not finished (phase "
          + (original.getStatus() == null ? "Pending" : original.getStatus().getPhase()) + "); rerun a finished run");
    }
    String pipeline = old.getPipelineRef().getName();
    Pipeline definition = session.pipeline(pipeline);
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setParams(ParamArgs.merged(old.getParams(), overrides));
    spec.setNodeParams(ParamArgs.mergedNodes(old.getNodeParams(), nodeOverrides));
    spec.setCorrelationId(old.getCorrelationId());
    spec.setPriority(old.getPriority());
    spec.setServiceAccountName(old.getServiceAccountName());
    spec.setTimeout(old.getTimeout());
    RerunOf rerunOf = new RerunOf();
    rerunOf.setName(source);
    rerunOf.setFromNodes(new ArrayList<>(fromNodes));
    spec.setRerunOf(rerunOf);
    List<String> unknown = fromNodes.stream()
        .filter(n -> definition.getSpec() != null
            && definition.getSpec().getNodes().stream().noneMatch(d -> n.equals(d.getName())))
        .toList();
    if (!unknown.isEmpty()) {
      throw CliException.notFound("pipeline " + pipeline + " has no node " + String.join(", ", unknown)
          + "; its nodes: " + Session.nodeNames(definition.getSpec()));
    }
    ParamCheck.check(definition, spec, session.templates());
    return RunLauncher.launch(session, RunLauncher.newRun(pipeline, spec), wait, output);
  }
}
