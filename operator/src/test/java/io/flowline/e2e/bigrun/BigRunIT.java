package io.flowline.e2e.bigrun;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.e2e.E2eEnvironment;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 5, "big runs die": a 10,000-node run (root, 9,998 parallel nodes, join), each node declaring the output
 * {@code rows} and writing a short {@code rows=N} termination message, on the real control plane. It must end
 * Succeeded, with every node's output recorded in its node table (inline and offloaded), and the PipelineRun object
 * must stay under 1 MiB at every write, measured on every version the watch delivers.
 *
 * <p>Needs a control-plane-only cluster ({@code LOCAL_K8S_NODES=0 ../shared/k8s/up.sh}): {@link FakeNode} plays
 * the kubelet and the Job controller, which could not keep up on the kit's 2-core node anyway. On a cluster with
 * nodes it skips, unless FLOWLINE_BIGRUN_REQUIRED=true. Run it alone with {@code ./mvnw -B verify -Pbig-run};
 * {@code -Dflowline.bigrun.nodes=200} makes a small run to try the harness.
 */
class BigRunIT {
  static final String API_VERSION = "flowline.io/v1alpha1";
  /** The whole object, metadata + spec + status, must stay under this at every write. */
  static final int OBJECT_LIMIT_BYTES = 1024 * 1024;
  static final int NODES = Integer.getInteger("flowline.bigrun.nodes", 10_000);
  /** Bounds the run itself; the @Timeout below adds room for setup and cleanup. */
  static final Duration DEADLINE = Duration.ofMinutes(15);

  private static final String PIPELINE = "big";
  private static final String RUN = "big-run";
  private static final String OUTPUT = "rows";
  private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);
  private static final int FAKE_NODE_WORKERS = 6;
  private static final int SHOWN = 10;
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

  @RegisterExtension
  static final E2eEnvironment env = E2eEnvironment.nodeless();

  @Test
  @Timeout(value = 20, unit = TimeUnit.MINUTES)
  void tenThousandNodesWithOneOutputEachSucceedUnderOneMebibyteAtEveryWrite() {
    assertThat(NODES).as("flowline.bigrun.nodes (root, at least one parallel node, join)").isGreaterThanOrEqualTo(3);
    List<String> nodeNames = nodeNames();

    try (KubernetesClient client = patientClient();
        FakeNode fakeNode = new FakeNode(client, env.namespace(),
            job -> OUTPUT + "=" + rows(job.getMetadata().getLabels().get("flowline.io/node")), FAKE_NODE_WORKERS);
        RunSizeWatch sizes = new RunSizeWatch(client, env.namespace(), RUN, OBJECT_LIMIT_BYTES)) {
      fakeNode.start();
      create(client, pipeline(nodeNames));
      sizes.start();
      Instant started = Instant.now();
      create(client, run());

      Progress progress = new Progress(started, fakeNode, sizes);
      try {
        env.await("run " + RUN + " (" + NODES + " nodes) to end").atMost(DEADLINE)
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> {
              progress.printEvery(PROGRESS_EVERY);
              if (fakeNode.failure() != null) {
                throw new AssertionError("the fake node failed, so the run cannot end: " + fakeNode.failure());
              }
              return finished(sizes.latest());
            });
      } catch (ConditionTimeoutException e) {
        throw new AssertionError("run " + RUN + " did not end within " + DEADLINE.toMinutes() + " min; last seen: "
            + progress.describe(), e);
      }
      Duration took = Duration.between(started, Instant.now());

      GenericKubernetesResource ended = client.genericKubernetesResources(API_VERSION, "PipelineRun")
          .inNamespace(env.namespace()).withName(RUN).require();
      sizes.record(ended);
      JsonNode run = Serialization.jsonMapper().valueToTree(ended);
      String summary = summary(run, took, fakeNode, sizes) + "; " + measuredVersusRaw(client, ended);
      System.out.println(summary);

      assertThat(run.path("status").path("phase").asText())
          .withFailMessage("run %s ended %s, not Succeeded: reason %s, message: %s%n%s", RUN,
              run.path("status").path("phase").asText(), succeededCondition(run).path("reason").asText("?"),
              run.path("status").path("message").asText(""), summary)
          .isEqualTo("Succeeded");

      List<RunSizeWatch.Sample> oversized = sizes.oversized();
      assertThat(oversized)
          .withFailMessage("the PipelineRun object was %d bytes or more in %d of %d observed writes, e.g. %s%n%s",
              OBJECT_LIMIT_BYTES, oversized.size(), sizes.writes(),
              oversized.subList(0, Math.min(SHOWN, oversized.size())), summary)
          .isEmpty();

      NodeTable table = NodeTable.read(client, run);
      System.out.printf("Node table: %d entries inline, %d in %d ConfigMaps %s; nodeCounts %s%n",
          table.inlineCount(), table.entries().size() - table.inlineCount(), table.chunks().size(),
          abbreviate(table.chunks()), table.nodeCounts());
      assertEveryOutputRecorded(table, nodeNames);
    }
  }

  /**
   * A client that waits for slow answers: the API server can take more than the default 10 s to store the ~800 KB
   * Pipeline on a loaded machine, and a client that gives up retries a create that went through.
   */
  private static KubernetesClient patientClient() {
    return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.autoConfigure(null))
        .withRequestTimeout((int) REQUEST_TIMEOUT.toMillis()).build()).build();
  }

  /** Creates the object; a 409 means an earlier try of this create went through (the namespace is the test's). */
  private static void create(KubernetesClient client, GenericKubernetesResource resource) {
    try {
      client.genericKubernetesResources(API_VERSION, resource.getKind()).inNamespace(env.namespace())
          .resource(resource).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }

  /** root, p-0001 ... p-9998, join. */
  private static List<String> nodeNames() {
    int parallel = NODES - 2;
    int width = String.valueOf(parallel).length();
    List<String> names = new ArrayList<>(NODES);
    names.add("root");
    for (int i = 1; i <= parallel; i++) {
      names.add(String.format("p-%0" + width + "d", i));
    }
    names.add("join");
    return names;
  }

  /** The output each node reports: a function of its name, so the table can be checked entry by entry. */
  static String rows(String node) {
    return String.valueOf(Math.floorMod(Objects.requireNonNull(node, "node label").hashCode(), 100_000));
  }

  private static GenericKubernetesResource pipeline(List<String> names) {
    List<String> parallel = names.subList(1, names.size() - 1);
    List<Map<String, Object>> nodes = new ArrayList<>(names.size());
    nodes.add(node("root", List.of()));
    for (String name : parallel) {
      nodes.add(node(name, List.of("root")));
    }
    nodes.add(node("join", parallel));
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION).withKind("Pipeline")
        .withNewMetadata().withName(PIPELINE).endMetadata()
        .addToAdditionalProperties("spec", Map.of("nodes", nodes))
        .build();
  }

  /** As small as a node gets: the Pipeline object itself must fit in etcd. The fake node ignores the command. */
  private static Map<String, Object> node(String name, List<String> dependsOn) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", name);
    node.put("image", "busybox:1.36");
    if (!dependsOn.isEmpty()) {
      node.put("dependsOn", dependsOn);
    }
    node.put("outputs", List.of(OUTPUT));
    return node;
  }

  private static GenericKubernetesResource run() {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION).withKind("PipelineRun")
        .withNewMetadata().withName(RUN).endMetadata()
        .addToAdditionalProperties("spec", Map.of("pipelineRef", Map.of("name", PIPELINE)))
        .build();
  }

  private static boolean finished(GenericKubernetesResource run) {
    if (run == null) {
      return false;
    }
    String phase = RunSizeWatch.phase(run);
    return phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Cancelled");
  }

  private static JsonNode succeededCondition(JsonNode run) {
    for (JsonNode condition : run.path("status").path("conditions")) {
      if ("Succeeded".equals(condition.path("type").asText())) {
        return condition;
      }
    }
    return run.path("status").path("conditions").path(-1);
  }

  private static void assertEveryOutputRecorded(NodeTable table, List<String> nodeNames) {
    Map<String, List<String>> duplicates = table.duplicates();
    assertThat(duplicates)
        .withFailMessage("%d nodes are recorded more than once (node -> places), e.g. %s", duplicates.size(),
            abbreviate(duplicates))
        .isEmpty();

    Map<String, NodeTable.Entry> byName = table.byName();
    Set<String> missing = new LinkedHashSet<>(nodeNames);
    missing.removeAll(byName.keySet());
    Set<String> unexpected = new LinkedHashSet<>(byName.keySet());
    nodeNames.forEach(unexpected::remove);
    assertThat(missing)
        .withFailMessage("%d of %d nodes have no entry in the node table (%d inline, %d in ConfigMaps %s), e.g. %s; "
                + "entries for unknown nodes: %s", missing.size(), nodeNames.size(), table.inlineCount(),
            table.entries().size() - table.inlineCount(), abbreviate(table.chunks()), abbreviate(missing),
            abbreviate(unexpected))
        .isEmpty();
    assertThat(unexpected).withFailMessage("entries for nodes the pipeline does not have: %s", abbreviate(unexpected))
        .isEmpty();

    List<String> wrong = new ArrayList<>();
    int wrongCount = 0;
    for (String name : nodeNames) {
      NodeTable.Entry entry = byName.get(name);
      Map<String, String> expected = Map.of(OUTPUT, rows(name));
      if (!"Succeeded".equals(entry.phase()) || !expected.equals(entry.outputs())) {
        wrongCount++;
        if (wrong.size() < SHOWN) {
          wrong.add(entry + " (expected Succeeded with outputs " + expected + ")");
        }
      }
    }
    assertThat(wrong)
        .withFailMessage("%d of %d nodes are not Succeeded with their output recorded, e.g.%n  %s", wrongCount,
            nodeNames.size(), String.join("\n  ", wrong))
        .isEmpty();

    Map<String, Long> counts = table.nodeCounts().entrySet().stream().filter(e -> e.getValue() != 0)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    if (!counts.isEmpty()) {
      assertThat(counts).as("status.nodeCounts (zero counts left out)")
          .isEqualTo(Map.of("Succeeded", (long) nodeNames.size()));
    }
  }

  private static String summary(JsonNode run, Duration took, FakeNode fakeNode, RunSizeWatch sizes) {
    RunSizeWatch.Sample largest = sizes.largest();
    return String.format("Big run: %d nodes, %s after %d s (limit %d min); %d writes of the PipelineRun observed "
            + "(watch restarts: %d); largest %d bytes (%.1f%% of 1 MiB) at resourceVersion %s, phase %s; "
            + "progress %s; fake node: %d Jobs seen, %d pods created, %d Jobs completed, %d retried writes",
        NODES, run.path("status").path("phase").asText("no phase"), took.toSeconds(), DEADLINE.toMinutes(),
        sizes.writes(), sizes.restarts(), largest == null ? 0 : largest.bytes(),
        largest == null ? 0 : 100.0 * largest.bytes() / OBJECT_LIMIT_BYTES,
        largest == null ? "-" : largest.resourceVersion(), largest == null ? "-" : largest.phase(),
        run.path("status").path("progress").asText("-"), fakeNode.jobsSeen(), fakeNode.podsCreated(),
        fakeNode.jobsCompleted(), fakeNode.retries());
  }

  /**
   * The measure is Jackson's JSON of the object; the API server's own encoding (what etcd stores) may differ by a
   * few bytes (escaping, number formats). Shown for the final version so the two can be compared.
   */
  private static String measuredVersusRaw(KubernetesClient client, GenericKubernetesResource ended) {
    String path = "apis/" + API_VERSION + "/namespaces/" + ended.getMetadata().getNamespace() + "/pipelineruns/"
        + ended.getMetadata().getName();
    String raw = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/" + path);
    int measured = Serialization.asJson(ended).getBytes(StandardCharsets.UTF_8).length;
    return "final version: " + measured + " bytes measured, "
        + (raw == null ? "?" : raw.strip().getBytes(StandardCharsets.UTF_8).length) + " as the API server sends it";
  }

  private static String abbreviate(Object value) {
    String text = String.valueOf(value);
    return text.length() <= 400 ? text : text.substring(0, 400) + "...";
  }

  /** Prints where the run is every so often, so a slow or stuck run shows how far it got. */
  private static final class Progress {
    private final Instant started;
    private final FakeNode fakeNode;
    private final RunSizeWatch sizes;
    private Instant lastPrinted;

    Progress(Instant started, FakeNode fakeNode, RunSizeWatch sizes) {
      this.started = started;
      this.fakeNode = fakeNode;
      this.sizes = sizes;
      this.lastPrinted = started;
    }

    void printEvery(Duration interval) {
      Instant now = Instant.now();
      if (Duration.between(lastPrinted, now).compareTo(interval) < 0) {
        return;
      }
      lastPrinted = now;
      System.out.println("[big run " + Duration.between(started, now).toSeconds() + " s] " + describe());
    }

    String describe() {
      GenericKubernetesResource latest = sizes.latest();
      Object status = latest == null ? null : latest.getAdditionalProperties().get("status");
      Object progress = status instanceof Map<?, ?> map ? map.get("progress") : null;
      RunSizeWatch.Sample largest = sizes.largest();
      return String.format("phase %s, progress %s; %d writes of the run, largest %d bytes; fake node: %d Jobs "
              + "seen, %d completed", latest == null ? "(not created)" : RunSizeWatch.phase(latest), progress,
          sizes.writes(), largest == null ? 0 : largest.bytes(), fakeNode.jobsSeen(), fakeNode.jobsCompleted());
    }
  }
}
