package io.flowline.cli.commands;

import io.flowline.api.DesiredRunState;
import picocli.CommandLine.Command;

/** {@code pause RUN}: spec.state Paused. */
@Command(name = "pause", description = "Pause RUN: no new node starts (retries included); running nodes go on. resume continues it.",
    footer = {"", "Example: kubectl flowline pause nightly-etl-x7k2p"})
public final class PauseCommand extends StateCommand {
  @Override
  DesiredRunState target() {
    return DesiredRunState.Paused;
  }

  @Override
  String done() {
    return "paused";
  }
}
