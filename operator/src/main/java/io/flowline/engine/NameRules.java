package io.flowline.engine;

import io.flowline.api.KubernetesNames;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Kubernetes' name rules for what Flowline passes into a Job: a name the API server would refuse must be
 * reported by validation, with its field path, before any Job is created.
 */
public final class NameRules {
  private static final Pattern DNS_SUBDOMAIN = Pattern.compile(KubernetesNames.DNS_SUBDOMAIN_PATTERN);
  private static final Pattern ENV_VAR_NAME = Pattern.compile(KubernetesNames.ENV_VAR_NAME_PATTERN);

  private NameRules() {
  }

  /**
   * The problem of an object name (a DNS-1123 subdomain), if any.
   *
   * @param what what the name names, for the message ("service account", "pipeline")
   */
  public static Optional<String> dnsSubdomainProblem(String name, String what) {
    // The length first: it also keeps the pattern from working on huge input.
    if (name != null && name.length() <= KubernetesNames.DNS_SUBDOMAIN_MAX_LENGTH
        && DNS_SUBDOMAIN.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(Quote.of(name == null ? "" : name) + " is not a valid " + what + " name ("
        + KubernetesNames.DNS_SUBDOMAIN_RULE + ")");
  }

  /** The problem of an environment variable name, if any. */
  public static Optional<String> envVarNameProblem(String name) {
    if (name != null && ENV_VAR_NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return Optional.of(Quote.of(name == null ? "" : name) + " is not a valid environment variable name (letters, "
        + "digits, '_', '-' and '.', not starting with a digit)");
  }
}
