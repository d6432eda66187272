package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import picocli.CommandLine.Command;

/** {@code stop RUN}: spec.state Stopped. */
@Command(name = "stop", description = "Stop RUN gracefully: no new node starts, running nodes finish, then it ends Cancelled (reason Stopped).",
    footer = {"", "Example: kubectl flowline stop nightly-etl-x7k2p"})
public final class StopCommand extends StateCommand {
  @Override
  DesiredRunState target() {
    return DesiredRunState.Stopped;
  }

  @Override
  String done() {
    return "stopping";
  }
}
