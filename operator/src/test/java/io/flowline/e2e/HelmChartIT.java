package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.yaml.snakeyaml.Yaml;

/**
 * The path a user takes: helm install the chart with the operator image, run the examples through the in-cluster
 * operator, scrape its metrics, check what its ServiceAccount and namespace users may do, helm upgrade, helm
 * uninstall. One release for the whole class, so the tests run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(HelmRelease.CLUSTER_ROLES)
class HelmChartIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();
  @RegisterExtension
  static final ChartPrerequisites prerequisites = new ChartPrerequisites();
  @RegisterExtension
  final TestWatcher diagnostics = HelmRelease.diagnosticsOnFailure(() -> release);

  private static final Duration ROLLOUT = Duration.ofMinutes(2);
  private static final Map<Example, List<String>> runNames = new EnumMap<>(Example.class);

  private static HelmRelease release;
  private final Runs runs = new Runs(env);

  @BeforeAll
  static void installTheChart() {
    release = new HelmRelease(env, "fl-" + env.namespace().replaceAll("[^a-z0-9]", "").substring(0, 8));
    release.install();
  }

  @AfterAll
  static void uninstallWhatIsLeft() {
    if (release != null) {
      release.uninstallIfInstalled();
    }
  }

  @Test
  @Order(1)
  void theInstalledOperatorRunsEveryExampleToItsExpectedPhaseAndLeavesWhatUsersAppliedAsApplied() {
    for (Example example : Example.values()) {
      runNames.put(example, example.applyAll(env));
    }
    Map<String, String> applied = appliedState();

    for (Example example : Example.values()) {
      for (String name : runNames.get(example)) {
        PipelineRun run = runs.awaitFinished(name);
        assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(example.expectedPhase());
      }
    }
    assertThat(env.client().pods().inNamespace(env.namespace()).withLabel(Runs.RUN_LABEL).list().getItems())
        .as("pods of the runs").isNotEmpty()
        .allSatisfy(pod -> assertThat(pod.getSpec().getServiceAccountName()).as(pod.getMetadata().getName())
            .isEqualTo("default").isNotEqualTo(release.fullName()));
    // What GitOps compares: spec, labels, annotations, finalizers and generation are as applied...
    assertThat(appliedState()).isEqualTo(applied);
    // ...and kubectl diff (the live object against the manifest, through a server-side dry run) finds nothing.
    for (Example example : Example.values()) {
      for (var file : List.of(example.pipelineFile(env), example.runFile(env))) {
        assertThat(env.kubectlSucceeds("diff", "-f", file.toString())).as("kubectl diff -f " + file).isTrue();
      }
    }
  }

  @Test
  @Order(2)
  void metricsThroughTheServiceCountTheFinishedRunsByPipelineAndPhase() {
    String metrics = release.getFromMetricsService("/metrics");

    assertThat(metrics).contains("flowline_runs_started_total");
    assertThat(metricLines(metrics, "flowline_runs_finished_total"))
        .anySatisfy(line -> assertThat(line).contains("pipeline=\"hello\"").contains("phase=\"Succeeded\"")
            .endsWith(" 1.0"))
        .anySatisfy(line -> assertThat(line).contains("pipeline=\"failing\"").contains("phase=\"Failed\"")
            .endsWith(" 1.0"));
    assertThat(metrics).as("JOSDK's reconciliation metrics").contains("operator_sdk_");
  }

  @Test
  @Order(2)
  void theDashboardThroughAPortForwardToItsServiceListsTheExamplesRuns() throws Exception {
    var runs = release.getFromDashboardByPortForward("/api/v1/namespaces/" + env.namespace() + "/runs");
    var overview = release.getFromDashboardByPortForward("/");

    assertThat(runs.statusCode()).as(runs.body()).isEqualTo(200);
    for (String run : Example.HELLO.runNames(env)) {
      assertThat(runs.body()).contains("\"name\":\"" + run + "\"");
    }
    assertThat(overview.body()).contains("data-pipeline=\"" + env.namespace() + "/"
        + Example.HELLO.pipelineName(env) + "\"");
  }

  @Test
  @Order(3)
  void theOperatorsServiceAccountMayDoWhatTheOperatorDoesAndNeverReadSecrets() {
    String serviceAccount = "system:serviceaccount:" + env.namespace() + ":" + release.fullName();

    for (String allowed : List.of("create jobs.batch", "delete jobs.batch", "watch pods", "update pipelineruns/status",
        "update pipelines/status", "create events", "create configmaps", "create leases.coordination.k8s.io",
        "delete pipelineruns", "create pipelineruns", "get nodetemplates", "watch nodetemplates")) {
      assertThat(canI(serviceAccount, allowed)).as(serviceAccount + " may " + allowed).isTrue();
    }
    for (String denied : List.of("get secrets", "list secrets", "create pods", "update pipelineruns",
        "patch pipelines", "delete pipelines", "update nodetemplates")) {
      assertThat(canI(serviceAccount, denied)).as(serviceAccount + " may not " + denied).isFalse();
    }
    assertThat(env.client().rbac().clusterRoles().withName(release.fullName()).get())
        .as("watchNamespaces set: no cluster-wide role for the operator's resources").isNull();
  }

  @Test
  @Order(4)
  void flowlineEditUsersStartAndSteerRunsWhileFlowlineViewUsersOnlyRead() {
    bind("alice", "flowline-edit");
    bind("bob", "flowline-view");
    bind("carol", "edit"); // Kubernetes' own role, which the chart's flowline-edit aggregates into

    for (String user : List.of("alice", "carol")) {
      for (String allowed : List.of("create pipelineruns", "patch pipelineruns", "delete pipelineruns",
          "create pipelines", "list pipelineruns", "create nodetemplates", "patch nodetemplates")) {
        assertThat(canI(user, allowed)).as(user + " may " + allowed).isTrue();
      }
      assertThat(canI(user, "update pipelineruns/status")).as(user + " may not write status").isFalse();
    }
    for (String allowed : List.of("get pipelineruns", "list pipelines", "watch pipelineruns", "list nodetemplates")) {
      assertThat(canI("bob", allowed)).as("bob may " + allowed).isTrue();
    }
    for (String denied : List.of("create pipelineruns", "patch pipelineruns", "delete pipelines",
        "create nodetemplates")) {
      assertThat(canI("bob", denied)).as("bob may not " + denied).isFalse();
    }
  }

  @Test
  @Order(5)
  void anUpgradeRollsTheOperatorToTheNewValuesAndItKeepsRunningPipelines() {
    List<String> before = release.pods().stream().map(pod -> pod.getMetadata().getName()).toList();

    release.upgrade("log.format=json");

    Pod upgraded = env.await("one operator pod of the upgrade").atMost(ROLLOUT)
        .until(release::runningPods, pods -> pods.size() == 1
            && !before.contains(pods.get(0).getMetadata().getName()))
        .get(0);
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: hello-after-upgrade}
        spec:
          pipelineRef: {name: hello}
        """);

    PipelineRun run = runs.awaitFinished("hello-after-upgrade");
    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    List<String> logLines = release.logs(upgraded.getMetadata().getName()).lines()
        .filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")).toList();
    assertThat(logLines).as("log of the upgraded operator (log.format=json)").isNotEmpty()
        .allSatisfy(line -> assertThat(line).startsWith("{\"timestamp\":").endsWith("}"));
  }

  @Test
  @Order(6)
  void uninstallRemovesEveryObjectOfTheReleaseAndKeepsTheCrdsAndTheRuns() {
    release.uninstall();

    String selector = HelmRelease.INSTANCE_LABEL + "=" + release.name();
    env.await("the operator's pods to be gone").atMost(ROLLOUT).until(() -> release.pods().isEmpty());
    assertThat(env.kubectl("get", "deployments,services,serviceaccounts,roles,rolebindings,configmaps",
        "-l", selector, "-o", "name")).as("namespaced objects of the release").isBlank();
    assertThat(env.kubectl("get", "clusterroles,clusterrolebindings", "-l", selector, "-o", "name"))
        .as("cluster-wide objects of the release").isBlank();
    assertThat(env.client().rbac().clusterRoles().withName("flowline-edit").get()).isNull();
    assertThat(env.client().apiextensions().v1().customResourceDefinitions().withName("pipelineruns.flowline.io")
        .get()).as("helm keeps CRDs it installed, and with them every user's runs").isNotNull();
    assertThat(runs.get("hello-after-upgrade")).isNotNull();
  }

  @Test
  @Order(7)
  void badValuesFailBeforeAnythingIsInstalledNamingTheValue() {
    assertThatThrownBy(() -> release.template("log.format=xml")).hasMessageContaining("log.format")
        .hasMessageContaining("json");
    assertThatThrownBy(() -> release.template("watchNamespaces=team-a")).hasMessageContaining("watchNamespaces")
        .hasMessageContaining("array");
    assertThatThrownBy(() -> release.template("replica=2")).hasMessageContaining("replica");
    assertThatThrownBy(() -> release.template("replicas=2", "leaderElection.enabled=false"))
        .hasMessageContaining("leaderElection.enabled");
  }

  @Test
  @Order(8)
  void withoutWatchNamespacesTheOperatorGetsItsRulesClusterWide() {
    List<Map<String, Object>> manifests = loadAll(release.template());

    assertThat(manifests).filteredOn(manifest -> "ClusterRoleBinding".equals(manifest.get("kind")))
        .extracting(manifest -> String.valueOf(((Map<?, ?>) manifest.get("roleRef")).get("name")))
        .containsExactly(release.fullName());
    assertThat(manifests).filteredOn(manifest -> "Role".equals(manifest.get("kind")))
        .extracting(manifest -> String.valueOf(((Map<?, ?>) manifest.get("metadata")).get("name")))
        .containsExactly(release.fullName() + "-leader-election");
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> loadAll(String yaml) {
    List<Map<String, Object>> manifests = new ArrayList<>();
    new Yaml().loadAll(yaml).forEach(manifest -> {
      if (manifest != null) {
        manifests.add((Map<String, Object>) manifest);
      }
    });
    return manifests;
  }

  private static Map<String, String> appliedState() {
    return Stream.concat(
            env.client().resources(Pipeline.class).inNamespace(env.namespace()).list().getItems().stream(),
            env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems().stream())
        .collect(Collectors.toMap(object -> object.getKind() + "/" + object.getMetadata().getName(),
            HelmChartIT::userOwnedPart, (a, b) -> a, TreeMap::new));
  }

  private static String userOwnedPart(HasMetadata object) {
    Object spec = object instanceof Pipeline pipeline ? pipeline.getSpec() : ((PipelineRun) object).getSpec();
    return env.client().getKubernetesSerialization().asJson(Map.of(
        "spec", spec,
        "labels", String.valueOf(object.getMetadata().getLabels()),
        "annotations", String.valueOf(object.getMetadata().getAnnotations()),
        "finalizers", String.valueOf(object.getMetadata().getFinalizers()),
        "generation", String.valueOf(object.getMetadata().getGeneration())));
  }

  private static List<String> metricLines(String metrics, String name) {
    return metrics.lines().filter(line -> line.startsWith(name + "{")).toList();
  }

  /** kubectl auth can-i VERB RESOURCE[/SUBRESOURCE] --as USER in the test namespace. */
  private static boolean canI(String user, String verbAndResource) {
    String[] parts = verbAndResource.split(" ");
    String[] resource = parts[1].split("/");
    List<String> args = new ArrayList<>(List.of("auth", "can-i", parts[0], resource[0], "--as", user));
    if (resource.length > 1) {
      args.add("--subresource=" + resource[1]);
    }
    return env.kubectlSucceeds(args.toArray(String[]::new));
  }

  private static void bind(String user, String clusterRole) {
    env.client().rbac().roleBindings().inNamespace(env.namespace()).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(user + "-" + clusterRole).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole)
        .endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build()).create();
  }
}
