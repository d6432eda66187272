package io.flowline.cli;

import io.flowline.engine.GoDuration;
import java.time.Duration;
import picocli.CommandLine.Option;

/** --wait, --logs and --timeout of the verbs that create a run. */
public final class WaitOptions {
  @Option(names = "--wait", description = "Wait until the run ends; the exit code tells how (0 Succeeded, "
      + "1 Failed, 3 Cancelled).")
  boolean wait;

  @Option(names = "--logs", description = "Stream the nodes' logs until the run ends (implies --wait).")
  boolean logs;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "With --wait or --logs: give up "
      + "after this long (e.g. 90s, 10m; exit code 6; the run goes on). Default: no limit.")
  String timeout;

  public boolean waits() {
    return wait || logs;
  }

  public boolean logs() {
    return logs;
  }

  /** The wait limit, null for none. */
  public Duration limit() {
    if (timeout == null || timeout.isBlank()) {
      return null;
    }
    try {
      Duration limit = GoDuration.parse(timeout);
      return limit == null || limit.isZero() ? null : limit;
    } catch (IllegalArgumentException e) {
      throw CliException.usage("--timeout " + timeout + ": " + e.getMessage());
    }
  }
}
