package io.flowline.cli.commands;

import picocli.CommandLine.Command;

/** {@code unsuspend PIPELINE}: spec.suspend false. */
@Command(name = "unsuspend", description = "Unsuspend PIPELINE (spec.suspend: false).",
    footer = {"", "Example: kubectl flowline unsuspend nightly-etl"})
public final class UnsuspendCommand extends SuspendBase {
  @Override
  boolean suspend() {
    return false;
  }
}
