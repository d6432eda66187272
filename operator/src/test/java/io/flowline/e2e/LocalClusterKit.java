package io.flowline.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local cluster kit ({@code ../shared/k8s}) behind the tests' KUBECONFIG, for fault injection: each of its
 * processes (apiserver, etcd, kubelet, ...) has its pid in {@code $LOCAL_K8S_DIR/<name>.pid}, and {@code up.sh}
 * starts again whatever is not running. Only that cluster is ever touched: a user's own cluster has no such files,
 * and the fault tests then skip.
 */
final class LocalClusterKit {
  private static final Duration EXIT_DEADLINE = Duration.ofSeconds(90);
  private static final Duration UP_DEADLINE = Duration.ofMinutes(3);

  private final Path stateDir;
  private final Path upScript;

  private LocalClusterKit(Path stateDir, Path upScript) {
    this.stateDir = stateDir;
    this.upScript = upScript;
  }

  /** The kit, when the tests' cluster is the one it started; otherwise why not. */
  static Either find(RepoLayout layout) {
    Path stateDir = Path.of(Optional.ofNullable(System.getenv("LOCAL_K8S_DIR")).orElse("/tmp/local-k8s"));
    Path upScript = layout.root().resolveSibling("shared").resolve("k8s/up.sh");
    String kubeconfig = System.getenv("KUBECONFIG");
    if (!Files.isRegularFile(upScript)) {
      return Either.problem("no local cluster kit at " + upScript);
    }
    if (kubeconfig == null || !Path.of(kubeconfig).toAbsolutePath().normalize()
        .equals(stateDir.resolve("kubeconfig").toAbsolutePath().normalize())) {
      return Either.problem("KUBECONFIG is not the local cluster kit's (" + stateDir.resolve("kubeconfig")
          + "): faults are only injected into that cluster");
    }
    if (!Files.isRegularFile(stateDir.resolve("apiserver.pid"))) {
      return Either.problem("no pid files in " + stateDir);
    }
    return new Either(new LocalClusterKit(stateDir, upScript), null);
  }

  record Either(LocalClusterKit kit, String problem) {
    static Either problem(String problem) {
      return new Either(null, problem);
    }
  }

  /**
   * Stops {@code process} (SIGTERM, as a node shutdown would), keeps it down for {@code outage} from when it has
   * exited, then starts it again with up.sh, which returns once the cluster answers.
   */
  void outage(String process, Duration outage) throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readString(stateDir.resolve(process + ".pid")).trim());
    ProcessHandle handle = ProcessHandle.of(pid)
        .orElseThrow(() -> new IllegalStateException(process + " (pid " + pid + ") is not running"));
    handle.destroy();
    try {
      handle.onExit().get(EXIT_DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(process + " did not exit within " + EXIT_DEADLINE, e);
    }
    Instant back = Instant.now().plus(outage);
    // The outage itself, not a wait for something to happen: the process stays down this long.
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), back).toMillis()));
    up();
  }

  /**
   * The host pid of a container's process in pod {@code podName} whose command line contains {@code command}: the
   * kit's containers run on this machine, so the test can kill one as a crash or the OOM killer would (SIGKILL,
   * no shutdown hook). Empty when no such process is visible (another user's processes, or not this machine).
   */
  static Optional<Long> containerProcess(String podName, String command) {
    try (var entries = Files.list(Path.of("/proc"))) {
      return entries.filter(dir -> dir.getFileName().toString().matches("[0-9]+"))
          .filter(dir -> readable(dir.resolve("cmdline")).contains(command)
              && readable(dir.resolve("environ")).contains("\0HOSTNAME=" + podName + "\0"))
          .map(dir -> Long.parseLong(dir.getFileName().toString()))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static String readable(Path file) {
    try {
      return "\0" + new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8) + "\0";
    } catch (IOException | SecurityException e) {
      return ""; // gone meanwhile, or not ours to read
    }
  }

  private void up() throws IOException, InterruptedException {
    Path log = Files.createTempFile("up-", ".log");
    Process up = new ProcessBuilder("bash", upScript.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!up.waitFor(UP_DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
      up.destroyForcibly();
      throw new IllegalStateException("up.sh did not finish within " + UP_DEADLINE + ": " + Files.readString(log));
    }
    if (up.exitValue() != 0) {
      throw new IllegalStateException("up.sh exited " + up.exitValue() + ": " + Files.readString(log));
    }
    Files.deleteIfExists(log);
  }
}
