package io.flowline.e2e;

import org.junit.jupiter.api.parallel.ResourceLock;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Two replicas from the chart: exactly one holds the Lease and reconciles; when it dies the other takes the Lease
 * and carries a run it never started to the end, without starting any node twice.
 */
@ResourceLock(HelmRelease.CLUSTER_ROLES)
class HelmFailoverIT {
  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.withoutOperatorAtStart();
  @RegisterExtension
  static final ChartPrerequisites prerequisites = new ChartPrerequisites();
  @RegisterExtension
  final TestWatcher diagnostics = HelmRelease.diagnosticsOnFailure(() -> release);

  private static final String RUN = "survives-failover";
  /**
   * The leader hands the Lease back when it stops, or it runs out 15 s after the last renewal (JOSDK's default); a
   * loaded node may take its 30 s termination grace to stop the container first.
   */
  private static final Duration TAKEOVER = Duration.ofSeconds(150);
  private static final Duration PODS_READY = Duration.ofMinutes(2);

  private static HelmRelease release;
  private final Runs runs = new Runs(env);

  @BeforeAll
  static void installTwoReplicas() {
    release = new HelmRelease(env, "fo-" + env.namespace().replaceAll("[^a-z0-9]", "").substring(0, 8));
    // The aggregated roles are cluster-wide objects of fixed names: HelmChartIT's release owns them.
    release.install("replicas=2", "leaderElection.enabled=true", "rbac.aggregatedRoles=false");
  }

  @AfterAll
  static void uninstall() {
    if (release != null) {
      release.uninstallIfInstalled();
    }
  }

  @Test
  void exactlyOneReplicaLeadsAndTheStandbyTakesOverARunningRunWhenTheLeaderDies() {
    List<Pod> pods = env.await("two ready operator pods").atMost(PODS_READY)
        .until(release::runningPods, running -> running.size() == 2 && running.stream().allMatch(HelmFailoverIT::ready));
    String leader = env.await("a replica to hold the Lease").atMost(TAKEOVER)
        .until(this::leaseHolder, holder -> holder != null && names(pods).contains(holder));
    String standby = names(pods).stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
    assertThat(gauge(leader, "flowline_leader")).as("flowline_leader of " + leader).isEqualTo(1.0);
    assertThat(gauge(standby, "flowline_leader")).as("flowline_leader of " + standby).isEqualTo(0.0);

    createTwoNodeRun();
    env.await("node first of " + RUN + " to run").atMost(E2eEnvironment.RUN_DEADLINE)
        .until(() -> runs.get(RUN), run -> run != null && run.getStatus() != null
            && Runs.findNode(run, "first").map(node -> node.getPhase() == NodePhase.Running).orElse(false));
    assertThat(release.getFromPod(standby, "/metrics"))
        .as("the standby's metrics: it has reconciled nothing")
        .doesNotContainPattern("(?m)^operator_sdk_reconciliations_started_total\\{.*\\} [1-9]");

    // A plain delete: the kubelet stops the container. (A forced delete only removes the API object, and the
    // container, still renewing the Lease, would linger on the node for a while.)
    env.client().pods().inNamespace(env.namespace()).withName(leader).delete();

    env.await("the standby " + standby + " to take the Lease").atMost(TAKEOVER)
        .until(this::leaseHolder, standby::equals);
    PipelineRun run = runs.awaitFinished(RUN, E2eEnvironment.RUN_DEADLINE.plus(TAKEOVER));
    assertThat(run.getStatus().getPhase()).as(runs.describe(run)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.jobNames(RUN)).as("one Job per node: the new leader started none twice")
        .containsExactlyInAnyOrder(RUN + "-first-1", RUN + "-second-1");
    assertThat(gauge(standby, "flowline_leader")).as("flowline_leader of the new leader").isEqualTo(1.0);
  }

  private String leaseHolder() {
    Lease lease = env.client().resources(Lease.class).inNamespace(env.namespace()).withName(release.fullName()).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  private void createTwoNodeRun() {
    runs.create(Runs.inlineRun(RUN, """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 20"]}
        - {name: second, dependsOn: [first], image: "busybox:1.36", command: [sh, -c, "echo done"]}"""));
  }

  private double gauge(String pod, String name) {
    return release.getFromPod(pod, "/metrics").lines().filter(line -> line.startsWith(name + " "))
        .map(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).findFirst()
        .orElseThrow(() -> new AssertionError(name + " missing from the metrics of " + pod));
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus().getConditions().stream()
        .anyMatch(condition -> "Ready".equals(condition.getType()) && "True".equals(condition.getStatus()));
  }

  private static List<String> names(List<Pod> pods) {
    return pods.stream().map(pod -> pod.getMetadata().getName()).filter(Objects::nonNull).toList();
  }
}
