package io.flowline.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool users drive Flowline with (kubectl, helm) against the test cluster (KUBECONFIG is
 * inherited). Every call has a deadline so a hung tool fails one test instead of hanging the build.
 */
final class CommandLine {
  private final String binary;
  private final Duration deadline;

  CommandLine(String binary, Duration deadline) {
    this.binary = binary;
    this.deadline = deadline;
  }

  static CommandLine kubectl() {
    return new CommandLine("kubectl", Duration.ofSeconds(60));
  }

  private record Result(List<String> command, int exitCode, String stdout, String stderr) {
  }

  /** Runs the tool and returns its standard output; a non-zero exit fails the caller with the tool's stderr. */
  String run(String... args) {
    Result result = exec(List.of(args));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", result.command()) + " exited with " + result.exitCode() + ": "
          + result.stderr().strip());
    }
    return result.stdout();
  }

  /** Runs the tool and returns its standard output and error, whatever its exit code. */
  String output(String... args) {
    Result result = exec(List.of(args));
    return result.stdout() + result.stderr();
  }

  /** Runs the tool and tells whether it exited 0, for tools that answer yes or no by exit code. */
  boolean succeeds(String... args) {
    return exec(List.of(args)).exitCode() == 0;
  }

  private Result exec(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(args);
    Path stdout = null;
    Path stderr = null;
    try {
      // Files rather than pipes: nothing to drain while waiting, and no deadlock on large output.
      stdout = Files.createTempFile("cli", ".out");
      stderr = Files.createTempFile("cli", ".err");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + deadline);
      }
      return new Result(command, process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
          Files.readString(stderr, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
    } finally {
      deleteQuietly(stdout);
      deleteQuietly(stderr);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // A leftover temp file is not worth failing a test over.
      }
    }
  }
}
