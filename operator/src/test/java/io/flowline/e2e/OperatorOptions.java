package io.flowline.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a test wants its operator process started, beyond what every one gets (the test namespace, no CRD install,
 * -XX:+ExitOnOutOfMemoryError): extra JVM options and environment. Immutable; each with* returns a copy.
 */
public record OperatorOptions(List<String> jvmArgs, Map<String, String> env) {
  public OperatorOptions {
    jvmArgs = List.copyOf(jvmArgs);
    env = Map.copyOf(env);
  }

  public static OperatorOptions defaults() {
    return new OperatorOptions(List.of(), Map.of());
  }

  /** JVM options placed before -jar, e.g. -Xmx32m. */
  public OperatorOptions withJvmArgs(String... args) {
    List<String> all = new ArrayList<>(jvmArgs);
    all.addAll(List.of(args));
    return new OperatorOptions(all, env);
  }

  public OperatorOptions withEnv(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(env);
    all.put(name, value);
    return new OperatorOptions(jvmArgs, all);
  }

  /** /healthz and /readyz on this port; without it the health server is off. */
  public OperatorOptions withHealthPort(int port) {
    return withEnv("FLOWLINE_HEALTH_PORT", Integer.toString(port));
  }

  /** The dashboard on this port; without it the dashboard is off. */
  public OperatorOptions withDashboardPort(int port) {
    return withEnv("FLOWLINE_DASHBOARD_PORT", Integer.toString(port));
  }

  /** A kubeconfig of its own instead of the tests' one, e.g. one whose server is a proxy the test controls. */
  OperatorOptions withKubeconfig(Path kubeconfig) {
    return withEnv("KUBECONFIG", kubeconfig.toString());
  }
}
