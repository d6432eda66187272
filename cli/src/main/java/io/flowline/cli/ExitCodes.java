package io.flowline.cli;

/**
 * Exit codes scripts can rely on (also in the README and in {@code kubectl flowline --help}).
 */
public final class ExitCodes {
  /** Done; with --wait or --logs: the run Succeeded. */
  public static final int OK = 0;
  /** With --wait or --logs: the run Failed. */
  public static final int RUN_FAILED = 1;
  /** Bad usage: an unknown option or argument, a malformed or invalid param; nothing was created or changed. */
  public static final int USAGE = 2;
  /** With --wait or --logs: the run ended Cancelled (cancel, stop, a concurrency limit). */
  public static final int RUN_CANCELLED = 3;
  /** The pipeline, run or node named does not exist. */
  public static final int NOT_FOUND = 4;
  /** The Kubernetes API refused the call or could not be reached (forbidden, conflict, connection error). */
  public static final int API_ERROR = 5;
  /** --timeout ran out before the run finished; the run goes on. */
  public static final int TIMEOUT = 6;

  static final String HELP = """
      Exit codes:
        0  done; with --wait or --logs the run Succeeded
        1  with --wait or --logs: the run Failed
        2  usage error or invalid params (nothing was created or changed)
        3  with --wait or --logs: the run ended Cancelled
        4  pipeline, run or node not found
        5  Kubernetes API error (forbidden, unreachable, conflict)
        6  --timeout ran out while waiting (the run goes on)""";

  private ExitCodes() {
  }
}
