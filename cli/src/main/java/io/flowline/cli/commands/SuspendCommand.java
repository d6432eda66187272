package io.flowline.cli.commands;

import picocli.CommandLine.Command;

/** {@code suspend PIPELINE}: spec.suspend true. */
@Command(name = "suspend", description = {"Suspend PIPELINE: no new runs from its schedule or Auto activation "
    + "(spec.suspend: true); start and trigger still work, active runs finish."},
    footer = {"", "Example: kubectl flowline suspend nightly-etl"})
public final class SuspendCommand extends SuspendBase {
  @Override
  boolean suspend() {
    return true;
  }
}
