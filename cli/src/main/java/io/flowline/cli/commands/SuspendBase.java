package io.flowline.cli.commands;

import io.flowline.api.Pipeline;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.RunPatcher;
import io.flowline.cli.Session;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** suspend and unsuspend: a merge patch of the Pipeline's spec.suspend. */
abstract class SuspendBase extends BaseCommand {
  @Parameters(index = "0", paramLabel = "PIPELINE")
  String pipeline;

  @Mixin
  OutputFormat output;

  abstract boolean suspend();

  @Override
  public Integer call() {
    Session session = session();
    session.pipeline(pipeline);
    Pipeline patched = RunPatcher.patchPipelineSpec(session, pipeline, Map.of("suspend", suspend()));
    if (output.human()) {
      session.out().println("pipeline/" + pipeline + (suspend() ? " suspended" : " unsuspended")
          + " (spec.suspend: " + suspend() + ")");
    } else {
      output.print(session.out(), session.client().getKubernetesSerialization(), patched);
    }
    return ExitCodes.OK;
  }
}
