package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A run reaches nothing outside its namespace and its pods get no privilege they did not ask for: a Pipeline or a
 * ServiceAccount of another namespace cannot be used, and a node pod runs without an API token unless a service
 * account is named. (The operator's own RBAC, without any Secret access, is HelmChartIT's and ChartRbacIT's.)
 */
class SecurityIT {
  /** A pod that cannot be created fails its attempt after this grace instead of the default 5 minutes. */
  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of("FLOWLINE_POD_START_GRACE", "5s"));

  private static String otherNamespace;
  private final Runs runs = new Runs(env);

  @BeforeAll
  static void anotherNamespaceWithAPipelineAndAServiceAccount() {
    otherNamespace = E2eCluster.find().orElseThrow().createNamespace("security-other");
    env.client().resource("""
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: elsewhere}
        spec:
          nodes:
          - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """).inNamespace(otherNamespace).create();
    env.client().serviceAccounts().inNamespace(otherNamespace).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName("powerful").endMetadata().build()).create();
  }

  @AfterAll
  static void deleteTheOtherNamespace() {
    if (otherNamespace != null) {
      E2eCluster.find().orElseThrow().deleteNamespace(otherNamespace);
    }
  }

  @Test
  void aNodePodRunsWithoutAnApiTokenOrAnyPrivilegeItDidNotAskFor() {
    runs.create(Runs.inlineRun("no-token", """
        - {name: look, image: "busybox:1.36", command: [sh, -c, "test ! -e /var/run/secrets/kubernetes.io/serviceaccount/token"]}"""));

    PipelineRun run = runs.awaitFinished("no-token");

    assertThat(run.getStatus().getPhase()).as("no token file in the pod: " + runs.describe(run))
        .isEqualTo(RunPhase.Succeeded);
    Pod pod = runs.pods("no-token").get(0);
    assertThat(pod.getSpec().getAutomountServiceAccountToken()).isFalse();
    assertThat(pod.getSpec().getHostNetwork()).isNotEqualTo(Boolean.TRUE);
    assertThat(pod.getSpec().getContainers()).allSatisfy(container -> assertThat(container.getSecurityContext())
        .satisfiesAnyOf(context -> assertThat(context).isNull(),
            context -> assertThat(context.getPrivileged()).isNotEqualTo(Boolean.TRUE)));
  }

  @Test
  void aRunCannotUseAPipelineOfAnotherNamespace() {
    // pipelineRef has a name only: a namespace given with it is refused by kubectl or pruned by the API server.
    String manifest = """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: foreign-pipeline}
        spec:
          pipelineRef: {name: elsewhere, namespace: %s}
        """.formatted(otherNamespace);
    boolean accepted = env.kubectlSucceeds("apply", "--validate=false", "-f", writeTemp(manifest));
    assertThat(accepted).as("applied without client-side validation, the unknown field is pruned").isTrue();
    assertThat(runs.get("foreign-pipeline").getSpec().getPipelineRef().getName()).isEqualTo("elsewhere");

    PipelineRun run = runs.awaitFinished("foreign-pipeline", E2eEnvironment.RUN_DEADLINE);

    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    assertThat(Conditions.require(run.getStatus().getConditions(), "Succeeded").getReason())
        .isEqualTo("PipelineNotFound");
    assertThat(run.getStatus().getMessage()).contains("in namespace " + env.namespace());
    assertThat(runs.jobNames("foreign-pipeline")).isEmpty();
  }

  @Test
  void aServiceAccountOfAnotherNamespaceCannotRunANode() {
    runs.create(Runs.inlineRun("foreign-account", """
        - {name: work, image: "busybox:1.36", serviceAccountName: powerful, command: [sh, -c, "true"]}"""));

    PipelineRun run = runs.awaitFinished("foreign-account");

    assertThat(run.getStatus().getPhase()).isEqualTo(RunPhase.Failed);
    NodeStatus work = runs.node(run, "work");
    assertThat(work.getReason()).as(runs.describe(run)).isEqualTo("FailedCreate");
    assertThat(work.getMessage()).contains("powerful");
    assertThat(runs.pods("foreign-account")).as("no pod ran under the other namespace's account").isEmpty();
  }

  private static String writeTemp(String manifest) {
    try {
      java.nio.file.Path file = java.nio.file.Files.createTempFile("security-", ".yaml");
      java.nio.file.Files.writeString(file, manifest);
      file.toFile().deleteOnExit();
      return file.toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
