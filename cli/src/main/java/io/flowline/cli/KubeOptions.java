package io.flowline.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.File;

/** How the command reaches the cluster, as kubectl does it: --kubeconfig (else KUBECONFIG), --context, -n. */
public record KubeOptions(String kubeconfig, String context, String namespace) {
  /** A short, friendly client: a command line should fail in seconds, not retry for a minute. */
  private static final int CONNECT_TIMEOUT_MS = 10_000;

  /** The client configuration: kubeconfig file and context as given, else fabric8's (and kubectl's) defaults. */
  public Config config() {
    Config base;
    if (kubeconfig != null && !kubeconfig.isBlank()) {
      File file = new File(kubeconfig);
      if (!file.isFile()) {
        throw CliException.usage("--kubeconfig " + kubeconfig + ": no such file");
      }
      base = Config.fromKubeconfig(context, file);
    } else {
      base = Config.autoConfigure(context);
    }
    ConfigBuilder builder = new ConfigBuilder(base)
        .withConnectionTimeout(CONNECT_TIMEOUT_MS)
        .withRequestRetryBackoffLimit(1);
    if (namespace != null && !namespace.isBlank()) {
      builder.withNamespace(namespace);
    }
    return builder.build();
  }

  /** -n, else the context's namespace, else default. */
  public static String namespaceOf(Config config) {
    String ns = config.getNamespace();
    return ns == null || ns.isBlank() ? "default" : ns;
  }
}
