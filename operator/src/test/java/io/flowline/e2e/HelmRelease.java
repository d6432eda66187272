package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One release of helm/flowline-operator, installed into a test namespace with the image under test and watching
 * only that namespace, so it never meets the operators of other test classes.
 */
final class HelmRelease {
  /**
   * A lock for test classes that install the chart: its aggregated ClusterRoles (flowline-view, -edit, -admin)
   * have fixed names, so two releases at once would clash.
   */
  static final String CLUSTER_ROLES = "flowline-chart-cluster-roles";

  static final String INSTANCE_LABEL = "app.kubernetes.io/instance";
  /** helm --wait: the operator's pods pulled, started and ready (their caches synced). */
  private static final Duration HELM_DEADLINE = Duration.ofMinutes(4);

  private final E2eEnvironment env;
  private final String name;
  private final CommandLine helm;
  private boolean installed;

  HelmRelease(E2eEnvironment env, String name) {
    this.env = env;
    this.name = name;
    this.helm = new CommandLine(ChartPrerequisites.helm().orElseThrow(), HELM_DEADLINE.plusSeconds(30));
  }

  String name() {
    return name;
  }

  /** The chart's full name for this release: the name of its Deployment, ServiceAccount and RBAC objects. */
  String fullName() {
    return name + "-flowline-operator";
  }

  /** helm install --wait with the image under test, watching the test namespace, plus {@code values} (k=v). */
  void install(String... values) {
    String[] image = ChartPrerequisites.image().orElseThrow();
    List<String> args = new ArrayList<>(List.of("install", name, env.layout().chart().toString(),
        "--namespace", env.namespace(), "--wait", "--timeout", HELM_DEADLINE.toSeconds() + "s",
        "--set", "image.repository=" + image[0], "--set", "image.tag=" + image[1],
        "--set-json", "watchNamespaces=[\"" + env.namespace() + "\"]"));
    for (String value : values) {
      args.addAll(List.of("--set", value));
    }
    helm.run(args.toArray(String[]::new));
    installed = true;
  }

  /** helm upgrade --wait, keeping the values given so far. */
  void upgrade(String... values) {
    List<String> args = new ArrayList<>(List.of("upgrade", name, env.layout().chart().toString(),
        "--namespace", env.namespace(), "--reuse-values", "--wait", "--timeout", HELM_DEADLINE.toSeconds() + "s"));
    for (String value : values) {
      args.addAll(List.of("--set", value));
    }
    helm.run(args.toArray(String[]::new));
  }

  void uninstall() {
    helm.run("uninstall", name, "--namespace", env.namespace(), "--wait", "--timeout",
        HELM_DEADLINE.toSeconds() + "s");
    installed = false;
  }

  /** For afterAll: a release left by a failed test must not leave its cluster-wide objects behind. */
  void uninstallIfInstalled() {
    if (installed) {
      uninstall();
    }
  }

  /** helm template with {@code values} (k=v): the manifests the chart would install; fails with helm's error. */
  String template(String... values) {
    List<String> args = new ArrayList<>(List.of("template", name, env.layout().chart().toString(),
        "--namespace", env.namespace()));
    for (String value : values) {
      args.addAll(List.of("--set", value));
    }
    return helm.run(args.toArray(String[]::new));
  }

  List<Pod> pods() {
    return env.client().pods().inNamespace(env.namespace()).withLabel(INSTANCE_LABEL, name).list().getItems();
  }

  List<Pod> runningPods() {
    return pods().stream().filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
        .filter(pod -> "Running".equals(pod.getStatus().getPhase())).toList();
  }

  /** GET path on the pod's health and metrics port, through the API server's proxy. */
  String getFromPod(String pod, String path) {
    return env.kubectl("get", "--raw",
        "/api/v1/namespaces/" + env.namespace() + "/pods/" + pod + ":8080/proxy" + path);
  }

  /** GET path through the chart's metrics Service, as Prometheus would scrape it. */
  String getFromMetricsService(String path) {
    return env.kubectl("get", "--raw", "/api/v1/namespaces/" + env.namespace() + "/services/" + fullName()
        + "-metrics:http-metrics/proxy" + path);
  }

  /**
   * GETs {@code path} from the dashboard the way the README has users open it: {@code kubectl port-forward} to the
   * release's dashboard Service, here on a free local port.
   */
  HttpResponse<String> getFromDashboardByPortForward(String path) throws IOException, InterruptedException {
    Process forward = new ProcessBuilder("kubectl", "-n", env.namespace(), "port-forward",
        "svc/" + fullName() + "-dashboard", ":8081").redirectErrorStream(true).start();
    try {
      // "Forwarding from 127.0.0.1:41234 -> 8081" once the tunnel is up; anything else is kubectl's error.
      String first = new BufferedReader(new InputStreamReader(forward.getInputStream(), StandardCharsets.UTF_8))
          .readLine();
      Matcher port = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+)").matcher(String.valueOf(first));
      if (!port.find()) {
        throw new IllegalStateException("kubectl port-forward to the dashboard Service said: " + first);
      }
      return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + port.group(1) + path)).timeout(Duration.ofSeconds(20)).build(),
          HttpResponse.BodyHandlers.ofString());
    } finally {
      forward.destroy();
    }
  }

  /**
   * For a failed test: what the release's pods said (a restarted container's previous run too) and the Lease, so
   * a CI log shows why without the cluster, which is gone by then.
   */
  void printDiagnostics() {
    StringBuilder report = new StringBuilder("---- release " + name + " in " + env.namespace() + " ----\n");
    report.append(env.kubectlOutput("get", "pods,leases", "-o", "wide")).append('\n');
    for (Pod pod : pods()) {
      String podName = pod.getMetadata().getName();
      report.append("---- logs of ").append(podName).append(" ----\n")
          .append(env.kubectlOutput("logs", podName, "--tail", "60")).append('\n')
          .append("---- previous logs of ").append(podName).append(" ----\n")
          .append(env.kubectlOutput("logs", podName, "--previous", "--tail", "60")).append('\n');
    }
    System.err.println(report);
  }

  /** Prints the diagnostics of the test class's release, once it exists, when a test fails. */
  static TestWatcher diagnosticsOnFailure(Supplier<HelmRelease> release) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        if (release.get() != null) {
          release.get().printDiagnostics();
        }
      }
    };
  }

  String logs(String pod) {
    return env.kubectl("logs", pod);
  }
}
