package io.flowline.api;

/** Kubernetes' own name rules (as of v1.20), shared by the CRD schema and the engine's checks. */
public final class KubernetesNames {
  /** A DNS-1123 subdomain: the names of most objects, Pipelines and ServiceAccounts included. */
  public static final String DNS_SUBDOMAIN_PATTERN =
      "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
  public static final int DNS_SUBDOMAIN_MAX_LENGTH = 253;
  /** How {@link #DNS_SUBDOMAIN_PATTERN} is explained to users. */
  public static final String DNS_SUBDOMAIN_RULE = "a DNS-1123 subdomain: lower case letters, digits, '-' and '.', "
      + "starting and ending with a letter or digit, at most 253 characters";
  /** A container environment variable name. */
  public static final String ENV_VAR_NAME_PATTERN = "^[-._a-zA-Z][-._a-zA-Z0-9]*$";

  private KubernetesNames() {
  }
}
