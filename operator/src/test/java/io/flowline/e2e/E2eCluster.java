package io.flowline.e2e;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The cluster the end-to-end tests run on: the one KUBECONFIG names, provided its API answers. Owns what every
 * test class shares on it: the client, kubectl, the CRDs (installed once) and the test namespaces.
 */
final class E2eCluster {
  static final String NO_CLUSTER =
      "no cluster: set KUBECONFIG, e.g. export KUBECONFIG=$(../shared/k8s/up.sh | tail -1)";
  static final String REQUIRED_ENV = "FLOWLINE_E2E_REQUIRED";
  /** Marks every namespace the tests create, so leftovers of an aborted build are easy to find and delete. */
  static final String NAMESPACE_LABEL = "flowline.io/e2e";

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration NAMESPACE_DELETION_DEADLINE = Duration.ofSeconds(60);
  private static final Duration CRD_DEADLINE = Duration.ofSeconds(50);

  private static E2eCluster found;
  private static String problem;

  private final RepoLayout layout = RepoLayout.locate();
  private final CommandLine kubectl = CommandLine.kubectl();
  private final KubernetesClient client;
  private boolean crdsInstalled;
  private Integer nodeCount;

  private E2eCluster(KubernetesClient client) {
    this.client = client;
  }

  /** The cluster KUBECONFIG names if its API answers; probed once per JVM, so an absent cluster costs seconds once. */
  static synchronized Optional<E2eCluster> find() {
    if (found == null && problem == null) {
      problem = probe();
      if (problem == null) {
        found = new E2eCluster(new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build());
      } else {
        // Maven's console shows only counts of skipped tests; say once why.
        System.err.println("Flowline e2e tests: " + unavailableReason());
      }
    }
    return Optional.ofNullable(found);
  }

  /** Why {@link #find()} found nothing, with the hint how to get a cluster. */
  static synchronized String unavailableReason() {
    return NO_CLUSTER + " (" + problem + ")";
  }

  /** Why {@link #find()} found nothing, without the hint. */
  static synchronized String problem() {
    return problem;
  }

  /** FLOWLINE_E2E_REQUIRED=true: a missing cluster fails the tests instead of skipping them. */
  static boolean required() {
    return Boolean.parseBoolean(System.getenv(REQUIRED_ENV));
  }

  /** Why no cluster is usable, or null when its API answers /version within a few seconds. */
  private static String probe() {
    String kubeconfig = System.getenv("KUBECONFIG");
    if (kubeconfig == null || kubeconfig.isBlank()) {
      return "KUBECONFIG is not set";
    }
    // The client would silently fall back to in-cluster defaults and report a confusing connection error.
    if (!kubeconfig.contains(File.pathSeparator) && !Files.isRegularFile(Path.of(kubeconfig))) {
      return "KUBECONFIG=" + kubeconfig + " is no file";
    }
    // No retries and short timeouts: an absent cluster should cost seconds, not the client's default backoff.
    Config config = new ConfigBuilder(Config.autoConfigure(null))
        .withConnectionTimeout((int) PROBE_TIMEOUT.toMillis())
        .withRequestTimeout((int) PROBE_TIMEOUT.toMillis())
        .withRequestRetryBackoffLimit(0)
        .build();
    try (KubernetesClient probe = new KubernetesClientBuilder().withConfig(config).build()) {
      probe.getKubernetesVersion();
      return null;
    } catch (KubernetesClientException e) {
      return "the API server " + config.getMasterUrl() + " from KUBECONFIG=" + kubeconfig + " does not answer: "
          + rootCause(e).getMessage();
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  KubernetesClient client() {
    return client;
  }

  CommandLine kubectl() {
    return kubectl;
  }

  RepoLayout layout() {
    return layout;
  }

  /**
   * How many Nodes the cluster has, read once. Zero means a control-plane-only cluster
   * ({@code LOCAL_K8S_NODES=0 up.sh}): no kubelet and, in that kit mode, no Job controller either.
   */
  synchronized int nodeCount() {
    if (nodeCount == null) {
      nodeCount = client.nodes().list().getItems().size();
    }
    return nodeCount;
  }

  /** Applies the CRDs exactly as a user would, once per JVM, and waits until the API serves them. */
  synchronized void installCrds() {
    if (crdsInstalled) {
      return;
    }
    kubectl.run("apply", "-f", layout.crdsDir().toString());
    // Polled rather than `kubectl wait`: kubectl 1.20 fails at once on a CRD that has no status conditions yet.
    for (String crd : List.of("pipelines.flowline.io", "pipelineruns.flowline.io", "nodetemplates.flowline.io")) {
      await("CRD " + crd + " to be established").atMost(CRD_DEADLINE).pollInterval(Duration.ofMillis(200))
          .until(() -> established(crd));
      // kubectl validates a manifest against the apiserver's OpenAPI document, which follows a CRD update seconds
      // later: until then a field the previously installed CRD lacked (another worktree's) is refused as unknown.
      await("the OpenAPI document to show every field of CRD " + crd).atMost(CRD_DEADLINE)
          .pollInterval(Duration.ofMillis(500)).until(() -> explainShowsEveryField(crd));
    }
    crdsInstalled = true;
  }

  private boolean explainShowsEveryField(String crd) {
    CustomResourceDefinition found = client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
    Set<String> expected = new HashSet<>();
    found.getSpec().getVersions().forEach(version -> fieldNames(version.getSchema().getOpenAPIV3Schema(), expected));
    Set<String> explained = new HashSet<>();
    for (String line : kubectl.output("explain", found.getSpec().getNames().getPlural(), "--recursive").split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        explained.add(line.substring(0, tab).trim());
      }
    }
    return explained.containsAll(expected);
  }

  private static void fieldNames(JSONSchemaProps schema, Set<String> names) {
    if (schema == null) {
      return;
    }
    if (schema.getProperties() != null) {
      schema.getProperties().forEach((name, property) -> {
        names.add(name);
        fieldNames(property, names);
      });
    }
    if (schema.getItems() != null) {
      fieldNames(schema.getItems().getSchema(), names);
    }
  }

  private boolean established(String crd) {
    CustomResourceDefinition found = client.apiextensions().v1().customResourceDefinitions().withName(crd).get();
    return found != null && found.getStatus() != null && found.getStatus().getConditions() != null
        && found.getStatus().getConditions().stream()
            .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  /** A fresh namespace, ready for pods: its default ServiceAccount exists (pods are rejected before that). */
  String createNamespace(String purpose) {
    String name = "flowline-e2e-" + purpose.toLowerCase(Locale.ROOT) + "-"
        + UUID.randomUUID().toString().substring(0, 5);
    client.namespaces().resource(new NamespaceBuilder()
        .withNewMetadata().withName(name).addToLabels(NAMESPACE_LABEL, "true").endMetadata()
        .build()).create();
    await("default ServiceAccount of " + name).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
        .until(() -> client.serviceAccounts().inNamespace(name).withName("default").get() != null);
    return name;
  }

  /**
   * Deletes a namespace and waits a bounded time for it to go, so an operator still running can release its
   * finalizers. A namespace that lingers is reported, not failed: the tests themselves are over.
   */
  void deleteNamespace(String name) {
    client.namespaces().withName(name).delete();
    try {
      await("namespace " + name + " to be deleted").atMost(NAMESPACE_DELETION_DEADLINE)
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> client.namespaces().withName(name).get() == null);
    } catch (ConditionTimeoutException e) {
      List<String> left = client.namespaces().withLabel(NAMESPACE_LABEL).list().getItems().stream()
          .map(ns -> ns.getMetadata().getName()).toList();
      System.err.println("WARNING: namespace " + name + " still exists after " + NAMESPACE_DELETION_DEADLINE
          + " (e2e namespaces left: " + left + "); remove with: kubectl delete ns -l " + NAMESPACE_LABEL);
    }
  }
}
