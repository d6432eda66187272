package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import picocli.CommandLine.Command;

/** {@code resume RUN}: spec.state Running. */
@Command(name = "resume", description = "Resume a paused RUN (spec.state Running).",
    footer = {"", "Example: kubectl flowline resume nightly-etl-x7k2p"})
public final class ResumeCommand extends StateCommand {
  @Override
  DesiredRunState target() {
    return DesiredRunState.Running;
  }

  @Override
  String done() {
    return "resumed";
  }
}
