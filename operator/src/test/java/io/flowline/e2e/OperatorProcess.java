package io.flowline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The real operator, started as `java -jar operator/target/flowline-operator.jar` so the tests exercise exactly
 * what ships, watching only the test's namespace. Its output goes to operator/target/e2e-logs/NAME.log.
 */
public final class OperatorProcess {
  private static final long STOP_GRACE_SECONDS = 30;

  private final Process process;
  private final Path log;
  private final Thread reaper;

  private OperatorProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
    // An aborted build (Ctrl-C, failsafe timeout) must not leave an operator behind, still reconciling.
    this.reaper = new Thread(process::destroyForcibly, "reap-" + log.getFileName());
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  public static OperatorProcess start(RepoLayout layout, String namespace, String name, OperatorOptions options) {
    Path jar = layout.operatorJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: the e2e tests run after package, e.g. ./mvnw -B verify");
    }
    try {
      Files.createDirectories(layout.logsDir());
      Path log = layout.logsDir().resolve(name + ".log");
      List<String> command = new ArrayList<>();
      command.add(javaExecutable());
      // As the README and the chart launch it: an OutOfMemoryError ends the process instead of leaving it deaf.
      command.add("-XX:+ExitOnOutOfMemoryError");
      command.addAll(options.jvmArgs());
      command.addAll(List.of("-jar", jar.toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(layout.root().toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // KUBECONFIG is inherited (it is how the tests found the cluster) unless the options name another.
      builder.environment().put("WATCH_NAMESPACES", namespace);
      // The harness installs the CRDs itself, from the same files users apply.
      builder.environment().put("FLOWLINE_INSTALL_CRDS", "false");
      // No health server unless a test asks for one on a free port: a fixed port would clash with any other
      // local operator.
      builder.environment().put("FLOWLINE_HEALTH_PORT", "0");
      builder.environment().put("FLOWLINE_DASHBOARD_PORT", "0");
      builder.environment().putAll(options.env());
      return new OperatorProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator from " + jar, e);
    }
  }

  /** The operator's process id, e.g. to read its CPU time and memory from /proc or to attach jcmd. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** Waits up to the deadline for the process to end; its exit code, or empty when it still runs. */
  Optional<Integer> exitCodeWithin(Duration deadline) {
    try {
      return process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS) ? Optional.of(process.exitValue())
          : Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** The whole log so far, decoded leniently. */
  String logText() {
    try {
      return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  /** SIGKILL: a crash, no shutdown hook, no cleanup; what a node failure or OOM kill does to the operator. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(STOP_GRACE_SECONDS);
    forgetReaper();
  }

  /** SIGTERM and wait for a clean shutdown; SIGKILL if it does not come. */
  public void stop() {
    process.destroy();
    if (!awaitExit(STOP_GRACE_SECONDS)) {
      System.err.println("WARNING: operator (" + log + ") ignored SIGTERM for " + STOP_GRACE_SECONDS + " s; killing it");
      process.destroyForcibly();
      awaitExit(STOP_GRACE_SECONDS);
    }
    forgetReaper();
  }

  public void printLogTail(int lines) {
    System.err.println("----- last " + lines + " lines of the operator log " + log + (isAlive() ? "" : " (exited with " + process.exitValue() + ")")
        + " -----");
    System.err.println(String.join(System.lineSeparator(), tail(lines)));
    System.err.println("----- end of operator log -----");
  }

  private List<String> tail(int lines) {
    // Decoded leniently: a torn last line must not hide the rest of the log.
    List<String> all = logText().lines().toList();
    return all.subList(Math.max(0, all.size() - lines), all.size());
  }

  private boolean awaitExit(long seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private void forgetReaper() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException alreadyShuttingDown) {
      // The hook runs anyway and finds the process gone.
    }
  }

  private static String javaExecutable() {
    // The JVM running the tests is a Java 17 the build accepted; PATH may hold another.
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
