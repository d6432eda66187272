package io.flowline.cli;

/** A failure the user should read: printed as {@code error: MESSAGE} and ends the command with its exit code. */
public class CliException extends RuntimeException {
  private final int exitCode;

  public CliException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }

  public static CliException usage(String message) {
    return new CliException(ExitCodes.USAGE, message);
  }

  public static CliException notFound(String message) {
    return new CliException(ExitCodes.NOT_FOUND, message);
  }
}
