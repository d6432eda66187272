package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.cli.CliException;
import io.flowline.cli.ExitCodes;
import io.flowline.cli.OutputFormat;
import io.flowline.cli.RunPatcher;
import io.flowline.cli.Session;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code retry RUN}: spec.retry + 1, which retries a Failed or Cancelled run in place. The operator ignores a
 * retry while spec.state is Stopped or Cancelled unless the same edit sets it to Running, so this does both.
 */
@Command(name = "retry", description = {"Retry a Failed or Cancelled RUN in place: its Failed and Cancelled nodes "
    + "get a new attempt, Succeeded nodes are kept (spec.retry + 1; spec.state back to Running if it was Stopped "
    + "or Cancelled)."},
    footer = {"", "Example: kubectl flowline retry nightly-etl-x7k2p"})
public final class RetryCommand extends BaseCommand {
  @Parameters(index = "0", paramLabel = "RUN")
  String run;

  @Mixin
  OutputFormat output;

  @Override
  public Integer call() {
    Session session = session();
    PipelineRun patched = RunPatcher.patchFromCurrent(session, run, RetryCommand::retryFields);
    if (output.human()) {
      session.out().println("pipelinerun/" + run + " retried (spec.retry: " + patched.getSpec().getRetry() + ")");
    } else {
      output.print(session.out(), session.client().getKubernetesSerialization(), patched);
    }
    return ExitCodes.OK;
  }

  /** The spec fields of one more retry; refuses a run that is not Failed or Cancelled (the operator would ignore it). */
  static Map<String, Object> retryFields(PipelineRun current) {
    RunPhase phase = current.getStatus() == null ? null : current.getStatus().getPhase();
    if (phase != RunPhase.Failed && phase != RunPhase.Cancelled) {
      throw new CliException(ExitCodes.USAGE, "pipelinerun " + current.getMetadata().getName() + " is "
          + (phase == null ? "Pending" : phase) + ": only a Failed or Cancelled run can be retried"
          + (phase == RunPhase.Succeeded ? " (kubectl flowline rerun RUN --from NODE runs nodes again in a new run)"
              : ""));
    }
    Integer retry = current.getSpec() == null ? null : current.getSpec().getRetry();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("retry", (retry == null ? 0 : retry) + 1);
    DesiredRunState state = current.getSpec() == null ? null : current.getSpec().getState();
    if (state == DesiredRunState.Stopped || state == DesiredRunState.Cancelled) {
      fields.put("state", DesiredRunState.Running.name());
    }
    return fields;
  }
}
