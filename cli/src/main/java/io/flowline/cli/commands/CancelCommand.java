package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import picocli.CommandLine.Command;

/** {@code cancel RUN}: spec.state Cancelled. */
@Command(name = "cancel", description = "Cancel RUN now: running node Jobs are deleted and it ends Cancelled.",
    footer = {"", "Example: kubectl flowline cancel nightly-etl-x7k2p"})
public final class CancelCommand extends StateCommand {
  @Override
  DesiredRunState target() {
    return DesiredRunState.Cancelled;
  }

  @Override
  String done() {
    return "cancelled";
  }
}
