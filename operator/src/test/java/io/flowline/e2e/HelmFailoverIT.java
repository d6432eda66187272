package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.flowline.api.NodePhase;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.parallel.ResourceLock;

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
    List<String> pods = names(awaitTwoReadyPods());
    String leader = awaitLeaderAmong(pods);
    String standby = pods.stream().filter(name -> !name.equals(leader)).findFirst().orElseThrow();
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

  /**
   * A crash, not a stop: the leader's JVM gets SIGKILL (as from the OOM killer), so nothing hands the Lease back.
   * The run must be finished within 30 s of that Lease running out, by whichever replica takes it (the standby, or
   * the restarted container of the same pod, which holds the same identity), with no node started twice.
   */
  @Test
  void aLeaderKilledWithSigkillIsReplacedAndTheRunFinishesWithin30sOfItsLeaseExpiring() {
    List<String> pods = names(awaitTwoReadyPods());
    String leader = awaitLeaderAmong(pods);
    Optional<Long> jvm = LocalClusterKit.containerProcess(leader, "java");
    Assumptions.assumeTrue(jvm.isPresent() || E2eCluster.required(),
        "the leader's JVM is not a process of this machine (only on the local cluster kit can the test kill it)");
    assertThat(jvm).as("the leader's JVM among this machine's processes").isPresent();

    String run = "survives-sigkill";
    runs.create(Runs.inlineRun(run, """
        - {name: first, image: "busybox:1.36", command: [sh, -c, "sleep 8"]}
        - {name: second, dependsOn: [first], image: "busybox:1.36", command: [sh, -c, "echo done"]}"""));
    env.await("node first of " + run + " to run").atMost(E2eEnvironment.RUN_DEADLINE)
        .until(() -> runs.get(run), current -> current != null && current.getStatus() != null
            && Runs.findNode(current, "first").map(node -> node.getPhase() == NodePhase.Running).orElse(false));

    ProcessHandle.of(jvm.get()).ifPresent(ProcessHandle::destroyForcibly);
    // The dead leader's last renewal: nobody renews it any more, so it runs out one lease duration later.
    Lease last = lease();
    assertThat(last.getSpec().getHolderIdentity()).isEqualTo(leader);
    Instant expiry = last.getSpec().getRenewTime().toInstant()
        .plusSeconds(last.getSpec().getLeaseDurationSeconds());

    PipelineRun finished = runs.awaitFinished(run, E2eEnvironment.RUN_DEADLINE.plus(TAKEOVER));
    assertThat(finished.getStatus().getPhase()).as(runs.describe(finished)).isEqualTo(RunPhase.Succeeded);
    assertThat(Instant.parse(finished.getStatus().getCompletionTime()))
        .as("the run's end, at most 30 s after the killed leader's Lease ran out at " + expiry)
        .isBeforeOrEqualTo(expiry.plusSeconds(30));
    assertThat(runs.jobNames(run)).as("one Job per node: no node started twice")
        .containsExactlyInAnyOrder(run + "-first-1", run + "-second-1");
  }

  private List<Pod> awaitTwoReadyPods() {
    return env.await("two ready operator pods").atMost(PODS_READY)
        .until(release::runningPods, running -> running.size() == 2 && running.stream().allMatch(HelmFailoverIT::ready));
  }

  private String awaitLeaderAmong(List<String> pods) {
    return env.await("a replica to hold the Lease").atMost(TAKEOVER)
        .until(this::leaseHolder, holder -> holder != null && pods.contains(holder));
  }

  private Lease lease() {
    return env.client().resources(Lease.class).inNamespace(env.namespace()).withName(release.fullName()).get();
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
