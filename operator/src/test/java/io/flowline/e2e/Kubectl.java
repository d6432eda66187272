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
 * Runs kubectl, the tool users drive Flowline with, against the test cluster (KUBECONFIG is inherited). Every call
 * has a deadline so a hung kubectl fails one test instead of hanging the build.
 */
final class Kubectl {
  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private record Result(List<String> command, int exitCode, String stdout, String stderr) {
  }

  /** Runs kubectl and returns its standard output; a non-zero exit fails the caller with kubectl's stderr. */
  String run(String... args) {
    Result result = exec(List.of(args));
    if (result.exitCode() != 0) {
      throw new AssertionError(String.join(" ", result.command()) + " exited with " + result.exitCode() + ": "
          + result.stderr().strip());
    }
    return result.stdout();
  }

  private static Result exec(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.addAll(args);
    Path stdout = null;
    Path stderr = null;
    try {
      // Files rather than pipes: nothing to drain while waiting, and no deadlock on large output.
      stdout = Files.createTempFile("kubectl", ".out");
      stderr = Files.createTempFile("kubectl", ".err");
      Process process = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(stdout.toFile())
          .redirectError(stderr.toFile())
          .start();
      if (!process.waitFor(DEADLINE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + DEADLINE);
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
