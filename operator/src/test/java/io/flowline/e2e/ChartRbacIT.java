package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The chart's RBAC is enough for all the operator does: the operator runs as a ServiceAccount bound to
 * exactly the rules of helm/flowline-operator/rbac/operator-rules.yaml (in the test namespace) and carries runs
 * through Jobs, pods, events, status writes, a spec snapshot offloaded to a ConfigMap and a timeout that deletes
 * a running Job, without a single Forbidden. (That no rule is superfluous is checked by reading the code: each
 * verb names its caller.)
 */
class ChartRbacIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();

  private static final String SERVICE_ACCOUNT = "flowline-operator";
  private static final Duration STARTUP = Duration.ofSeconds(60);
  private static final long TOKEN_SECONDS = 3600;
  /** Over the 256 KiB up to which the spec snapshot stays in status. */
  private static final int BIG_DESCRIPTION = 300 * 1024;
  private static final Duration POD_START_GRACE = Duration.ofSeconds(30);

  private static String clusterRole;

  private final Runs runs = new Runs(env);
  private final Events events = new Events(env);

  @BeforeAll
  static void startOperatorWithTheChartsRbac() {
    ClusterRole role = chartClusterRole();
    clusterRole = "flowline-e2e-" + env.namespace();
    role.getMetadata().setName(clusterRole);
    role.getMetadata().getLabels().put(E2eCluster.NAMESPACE_LABEL, "true");
    env.client().rbac().clusterRoles().resource(role).create();
    env.client().serviceAccounts().inNamespace(env.namespace()).resource(new ServiceAccountBuilder()
        .withNewMetadata().withName(SERVICE_ACCOUNT).endMetadata().build()).create();
    // A RoleBinding, not a ClusterRoleBinding: the operator watches only this namespace, and the grant ends with it.
    env.client().rbac().roleBindings().inNamespace(env.namespace()).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(SERVICE_ACCOUNT).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(clusterRole)
        .endRoleRef()
        .addNewSubject().withKind("ServiceAccount").withName(SERVICE_ACCOUNT).withNamespace(env.namespace())
        .endSubject()
        .build()).create();
    TokenRequest token = env.client().serviceAccounts().inNamespace(env.namespace()).withName(SERVICE_ACCOUNT)
        .tokenRequest(new TokenRequestBuilder().withNewSpec().withExpirationSeconds(TOKEN_SECONDS).endSpec().build());

    HealthEndpoint health = new HealthEndpoint(HealthEndpoint.freePort());
    env.startOperator(OperatorOptions.defaults()
        .withKubeconfig(env.kubeconfigWithToken(token.getStatus().getToken()))
        .withHealthPort(health.port())
        // Short, so the never-created pod below fails within the test; long enough for a loaded node.
        .withEnv("FLOWLINE_POD_START_GRACE", POD_START_GRACE.toSeconds() + "s"));
    env.await("the operator to start as " + SERVICE_ACCOUNT).atMost(STARTUP)
        .until(health::readyz, answer -> answer.status() == 200);
  }

  @AfterAll
  static void deleteClusterRole() {
    if (clusterRole != null) {
      env.client().rbac().clusterRoles().withName(clusterRole).delete();
    }
  }

  @Test
  void theChartsRbacAllowsEverythingTheOperatorDoes() {
    env.apply(env.testManifest("rbac-pipelines.yaml"), env.testManifest("rbac-runs.yaml"));
    createBigRun("rbac-big-run");

    PipelineRun quick = runs.awaitFinished("rbac-quick-run");
    PipelineRun big = runs.awaitFinished("rbac-big-run");
    PipelineRun timedOut = runs.awaitFinished("rbac-timeout-run");

    assertThat(quick.getStatus().getPhase()).as(runs.describe(quick)).isEqualTo(RunPhase.Succeeded);
    assertThat(big.getStatus().getPhase()).as("run with an offloaded snapshot").isEqualTo(RunPhase.Succeeded);
    assertThat(big.getStatus().getPipelineSpecRef()).isEqualTo("rbac-big-run-spec");
    assertThat(env.client().configMaps().inNamespace(env.namespace()).withName("rbac-big-run-spec").get())
        .isNotNull();
    assertThat(timedOut.getStatus().getPhase()).as(runs.describe(timedOut)).isEqualTo(RunPhase.Failed);
    env.await("the timed-out run's Job to be deleted").atMost(Duration.ofSeconds(30))
        .until(() -> runs.jobs("rbac-timeout-run").stream()
            .allMatch(job -> job.getMetadata().getDeletionTimestamp() != null));
    // Events are written right after the status they describe; a failed run always gets one.
    env.await("the timed-out run's Failed event").atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(events.reasonsOn("PipelineRun", "rbac-timeout-run")).contains("Failed"));
    env.await("the pipelines' status to be written").atMost(Duration.ofSeconds(30))
        .until(() -> env.client().resources(io.flowline.api.Pipeline.class).inNamespace(env.namespace())
            .withName("rbac-quick").get().getStatus() != null);
    assertThat(env.operator().logText()).as("the operator log").doesNotContain("Forbidden").doesNotContain("forbidden");
  }

  @Test
  void theChartsRbacAllowsReadingWhyAPodWasNeverCreatedAndWhoOwnsAClashingJob() {
    env.apply(env.testManifest("rbac-failure-runs.yaml"));
    // A Job under rbac-clash's first attempt name, owned by another run that exists: the operator reads that run.
    PipelineRun owner = env.await("run rbac-owner").atMost(Duration.ofSeconds(30))
        .until(() -> runs.get("rbac-owner"), java.util.Objects::nonNull);
    env.client().batch().v1().jobs().inNamespace(env.namespace()).resource(new JobBuilder()
        .withNewMetadata().withName("rbac-clash-work-1")
          .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion(owner.getApiVersion())
              .withKind(owner.getKind()).withName("rbac-owner").withUid(owner.getMetadata().getUid())
              .withController(true).build())
        .endMetadata()
        .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("Never").addNewContainer()
          .withName("main").withImage("busybox:1.36").withCommand("true").endContainer().endSpec().endTemplate()
        .endSpec().build()).create();
    createRun("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: rbac-clash}
        spec:
          pipelineSpec:
            nodes:
            - {name: work, image: "busybox:1.36", command: [sh, -c, "true"]}
        """);

    PipelineRun clash = runs.awaitFinished("rbac-clash");
    assertThat(clash.getStatus().getPhase()).as(runs.describe(clash)).isEqualTo(RunPhase.Failed);
    assertThat(runs.node(clash, "work").getReason()).isEqualTo("JobNameClash");

    PipelineRun noPod = runs.awaitFinished("rbac-no-pod", POD_START_GRACE.plus(E2eEnvironment.RUN_DEADLINE));
    assertThat(noPod.getStatus().getPhase()).as(runs.describe(noPod)).isEqualTo(RunPhase.Failed);
    assertThat(runs.node(noPod, "work").getReason()).isEqualTo("FailedCreate");
    assertThat(runs.node(noPod, "work").getMessage()).contains("rbac-missing-sa");
    assertThat(env.operator().logText()).as("the operator log").doesNotContain("Forbidden").doesNotContain("forbidden");
  }

  /** The chart's ClusterRole as the chart renders it; only its metadata is templated, its rules are plain YAML. */
  private static ClusterRole chartClusterRole() {
    try {
      String rules = Files.readString(env.layout().chartOperatorRules());
      ClusterRole role = env.client().getKubernetesSerialization().unmarshal(
          "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: chart\n  labels: {}\n"
              + "rules:\n" + rules, ClusterRole.class);
      assertThat(role.getRules()).as("rules of " + env.layout().chartOperatorRules()).isNotEmpty();
      return role;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void createRun(String yaml) {
    env.client().resources(PipelineRun.class).inNamespace(env.namespace())
        .resource(env.client().getKubernetesSerialization().unmarshal(yaml, PipelineRun.class)).create();
  }

  /** Through the API, not kubectl apply: its last-applied annotation would exceed the 256 KiB annotation limit. */
  private static void createBigRun(String name) {
    String yaml = """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            description: "%s"
            nodes:
            - {name: only, image: "busybox:1.36", command: [sh, -c, "echo big"]}
        """.formatted(name, "x".repeat(BIG_DESCRIPTION));
    createRun(yaml);
  }
}
