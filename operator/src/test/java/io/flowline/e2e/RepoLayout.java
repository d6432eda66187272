package io.flowline.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Where the end-to-end tests find the repository's files. Maven runs them with the operator module as working
 * directory, an IDE often with the repository root, so the root is searched upwards instead of assumed.
 */
public final class RepoLayout {
  private final Path root;

  private RepoLayout(Path root) {
    this.root = root;
  }

  public static RepoLayout locate() {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("operator/pom.xml"))) {
        return new RepoLayout(dir);
      }
    }
    throw new IllegalStateException("no Flowline repository (a folder with operator/pom.xml) above " + start);
  }

  public Path root() {
    return root;
  }

  Path examplesDir() {
    return root.resolve("examples");
  }

  /** The committed CRDs at the repository root; the freshly generated ones until that folder exists. */
  public Path crdsDir() {
    Path committed = root.resolve("crds");
    return containsYaml(committed) ? committed : root.resolve("operator/target/crds");
  }

  /** The operator's RBAC rules, which the Helm chart grants as a ClusterRole or a Role per watched namespace. */
  Path chartOperatorRules() {
    return root.resolve("helm/flowline-operator/rbac/operator-rules.yaml");
  }

  public Path chart() {
    return root.resolve("helm/flowline-operator");
  }

  public Path operatorJar() {
    return root.resolve("operator/target/flowline-operator.jar");
  }

  public Path logsDir() {
    return root.resolve("operator/target/e2e-logs");
  }

  /** What a test keeps for people to look at after the build, e.g. the dashboard's screenshots. */
  public Path artifactsDir() {
    return root.resolve("operator/target/e2e-artifacts");
  }

  private static boolean containsYaml(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(f -> f.getFileName().toString().matches(".*\\.ya?ml"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
