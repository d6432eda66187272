package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineRun;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.RunPatcher;
import io.flowline.cli.RunWaiter;
import io.flowline.cli.Session;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** pause, resume, stop, cancel: a merge patch of the run's spec.state. A run that has ended is left alone. */
abstract class StateCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String run;

  @Mixin
  OutputFormat output;

  /** The desired state this verb sets. */
  abstract DesiredRunState target();

  /** The past tense for the message: paused, resumed, ... */
  abstract String done();

  @Override
  public Integer call() {
    Session session = session();
    PipelineRun current = session.run(run);
    if (RunWaiter.finished(current)) {
      session.err().println("pipelinerun/" + run + " has already ended (" + current.getStatus().getPhase()
          + "); spec.state left unchanged");
      if (!output.human()) {
        output.print(session.out(), session.client().getKubernetesSerialization(), current);
      }
      return ExitCodes.OK;
    }
    PipelineRun patched = RunPatcher.patchSpec(session, run, Map.of("state", target().name()));
    if (output.human()) {
      session.out().println("pipelinerun/" + run + " " + done() + " (spec.state: " + target() + ")");
    } else {
      output.print(session.out(), session.client().getKubernetesSerialization(), patched);
    }
    return ExitCodes.OK;
  }
}
