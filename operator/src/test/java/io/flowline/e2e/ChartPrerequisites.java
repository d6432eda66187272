package io.flowline.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the tests of the Helm chart need besides a cluster: the helm CLI and an image of this build that the
 * cluster's nodes can pull. Without them those tests skip and say why, unless FLOWLINE_E2E_REQUIRED=true (CI),
 * which makes a missing one a failure. Register after the {@link E2eEnvironment}.
 */
final class ChartPrerequisites implements ExecutionCondition, BeforeAllCallback {
  /** The operator image to install, repository:tag, e.g. flowline/operator:dev (scripts/local-image.sh). */
  static final String IMAGE_ENV = "FLOWLINE_E2E_IMAGE";
  /** The helm binary; default: helm on the PATH. */
  static final String HELM_ENV = "FLOWLINE_HELM";

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    Optional<String> problem = problem();
    if (problem.isEmpty()) {
      return ConditionEvaluationResult.enabled("helm and an operator image found");
    }
    if (E2eCluster.required()) {
      return ConditionEvaluationResult.enabled(E2eCluster.REQUIRED_ENV + "=true: beforeAll fails the class");
    }
    return ConditionEvaluationResult.disabled(problem.get());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    problem().ifPresent(problem -> {
      throw new IllegalStateException(E2eCluster.REQUIRED_ENV + "=true, but " + problem);
    });
  }

  static Optional<String> problem() {
    if (helm().isEmpty()) {
      return Optional.of("no helm CLI: put helm on the PATH or set " + HELM_ENV
          + " (../shared/k8s/install-helm.sh installs one)");
    }
    if (image().isEmpty()) {
      return Optional.of("set " + IMAGE_ENV + " to an image of this build that the cluster can pull, e.g. "
          + "flowline/operator:dev after scripts/local-image.sh (see README)");
    }
    return Optional.empty();
  }

  static Optional<String> helm() {
    String configured = System.getenv(HELM_ENV);
    if (configured != null && !configured.isBlank()) {
      return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
    }
    return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .map(dir -> Path.of(dir, "helm")).filter(Files::isExecutable).map(Path::toString).findFirst();
  }

  /** repository and tag of the image, split at the last colon after the last slash. */
  static Optional<String[]> image() {
    String image = System.getenv(IMAGE_ENV);
    if (image == null || image.isBlank()) {
      return Optional.empty();
    }
    int colon = image.lastIndexOf(':');
    if (colon < image.lastIndexOf('/') + 1) {
      return Optional.empty();
    }
    return Optional.of(new String[] {image.substring(0, colon), image.substring(colon + 1)});
  }
}
