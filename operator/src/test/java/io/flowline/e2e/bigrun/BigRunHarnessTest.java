package io.flowline.e2e.bigrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The big-run test's own machinery, checked on the fabric8 mock server in the regular build, so that a failing
 * big run points at the operator and not at its harness: the node table reader on the documented offload format,
 * the fake node's pod and Job writes, and the size watch.
 */
class BigRunHarnessTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The mock web server logs every request through java.util.logging; keep the build output readable. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private KubernetesMockServer server;
  private KubernetesClient client;

  @BeforeEach
  void startServer() {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    try (InputStream crd = getClass().getResourceAsStream("/crds/pipelineruns.flowline.io-v1.yml")) {
      assertThat(crd).as("generated PipelineRun CRD on the test classpath").isNotNull();
      client.apiextensions().v1().customResourceDefinitions().load(crd).create();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.destroy();
  }

  @Test
  void nodeTableReadsInlineEntriesAndEveryChunkInOrder() throws IOException {
    chunk("r-nodes-0", "[{\"name\":\"a\",\"phase\":\"Succeeded\",\"outputs\":{\"rows\":\"1\"}},"
        + "{\"name\":\"b\",\"phase\":\"Succeeded\",\"attempt\":2,\"exitCode\":0,\"outputs\":{\"rows\":\"2\"}}]");
    chunk("r-nodes-1", "[{\"name\":\"c\",\"phase\":\"Failed\",\"exitCode\":3,\"reason\":\"Error\",\"message\":\"x\"}]");
    JsonNode run = run("{\"nodes\":[{\"name\":\"d\",\"phase\":\"Running\",\"job\":\"r-d-1\"}],"
        + "\"nodesRef\":[\"r-nodes-0\",\"r-nodes-1\"],\"nodeCounts\":{\"Succeeded\":2,\"Failed\":1,\"Running\":1}}");

    NodeTable table = NodeTable.read(client, run);

    assertThat(table.entries()).containsExactly(
        new NodeTable.Entry("d", "Running", Map.of(), NodeTable.INLINE),
        new NodeTable.Entry("a", "Succeeded", Map.of("rows", "1"), "r-nodes-0"),
        new NodeTable.Entry("b", "Succeeded", Map.of("rows", "2"), "r-nodes-0"),
        new NodeTable.Entry("c", "Failed", Map.of(), "r-nodes-1"));
    assertThat(table.chunks()).containsExactly("r-nodes-0", "r-nodes-1");
    assertThat(table.inlineCount()).isEqualTo(1);
    assertThat(table.duplicates()).isEmpty();
    assertThat(table.nodeCounts()).containsExactly(Map.entry("Succeeded", 2L), Map.entry("Failed", 1L),
        Map.entry("Running", 1L));
  }

  @Test
  void nodeTableWithoutOffloadIsTheInlineList() throws IOException {
    NodeTable table = NodeTable.read(client, run("{\"nodes\":[{\"name\":\"a\",\"phase\":\"Succeeded\"}]}"));

    assertThat(table.entries()).extracting(NodeTable.Entry::name).containsExactly("a");
    assertThat(table.chunks()).isEmpty();
    assertThat(table.nodeCounts()).isEmpty();
  }

  @Test
  void nodeTableReportsANodeInTwoPlaces() throws IOException {
    chunk("r-nodes-0", "[{\"name\":\"a\",\"phase\":\"Succeeded\"}]");
    NodeTable table = NodeTable.read(client,
        run("{\"nodes\":[{\"name\":\"a\",\"phase\":\"Succeeded\"}],\"nodesRef\":[\"r-nodes-0\"]}"));

    assertThat(table.duplicates()).containsExactly(Map.entry("a", List.of(NodeTable.INLINE, "r-nodes-0")));
  }

  @Test
  void nodeTableFailsClearlyOnAMissingOrMalformedChunk() throws IOException {
    JsonNode missing = run("{\"nodesRef\":[\"r-nodes-0\"]}");
    assertThatThrownBy(() -> NodeTable.read(client, missing)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("ConfigMap r-nodes-0 (status.nodesRef[0]) does not exist");

    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName("r-nodes-1").endMetadata()
        .withData(Map.of("nodes.json", "[]")).build()).create();
    JsonNode wrongKey = run("{\"nodesRef\":[\"r-nodes-1\"]}");
    assertThatThrownBy(() -> NodeTable.read(client, wrongKey)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("has no data key nodes.json.gz.b64");

    JsonNode notNames = run("{\"nodesRef\":[{\"name\":\"r-nodes-0\"}]}");
    assertThatThrownBy(() -> NodeTable.read(client, notNames)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("status.nodesRef[0] is not a ConfigMap name");
  }

  @Test
  void fakeNodeEndsEachJobWithATerminatedPodThenMarksItComplete() {
    String namespace = client.getNamespace();
    try (FakeNode fakeNode = new FakeNode(client, namespace,
        job -> "rows=" + job.getMetadata().getLabels().get("flowline.io/node"), 2).start()) {
      for (String node : List.of("a", "b", "c")) {
        client.batch().v1().jobs().inNamespace(namespace).resource(job("r-" + node + "-1", node)).create();
      }

      await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(fakeNode.jobsCompleted()).isEqualTo(3));
      assertThat(fakeNode.failure()).isNull();
      assertThat(fakeNode.podsCreated()).isEqualTo(3);

      Job job = client.batch().v1().jobs().inNamespace(namespace).withName("r-b-1").get();
      assertThat(job.getStatus().getSucceeded()).isEqualTo(1);
      assertThat(job.getStatus().getCompletionTime()).isNotNull();
      assertThat(job.getStatus().getConditions()).singleElement()
          .satisfies(c -> assertThat(List.of(c.getType(), c.getStatus())).containsExactly("Complete", "True"));

      List<Pod> pods = client.pods().inNamespace(namespace).withLabel("job-name", "r-b-1").list().getItems();
      assertThat(pods).singleElement().satisfies(pod -> {
        assertThat(pod.getMetadata().getLabels()).containsEntry("flowline.io/run", "r")
            .containsEntry("flowline.io/node", "b");
        assertThat(pod.getMetadata().getAnnotations()).containsEntry("flowline.io/run-name", "r");
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement()
            .satisfies(owner -> assertThat(owner.getName()).isEqualTo("r-b-1"));
        assertThat(pod.getStatus().getPhase()).isEqualTo("Succeeded");
        ContainerStateTerminated terminated = pod.getStatus().getContainerStatuses().get(0).getState().getTerminated();
        assertThat(pod.getStatus().getContainerStatuses().get(0).getName()).isEqualTo("main");
        assertThat(terminated.getExitCode()).isZero();
        assertThat(terminated.getReason()).isEqualTo("Completed");
        assertThat(terminated.getMessage()).isEqualTo("rows=b");
        assertThat(terminated.getFinishedAt()).isNotNull();
      });
    }
  }

  @Test
  void sizeWatchMeasuresEveryVersionOfTheRun() {
    String namespace = client.getNamespace();
    try (RunSizeWatch sizes = new RunSizeWatch(client, namespace, "r", 2_000).start()) {
      GenericKubernetesResource run = client.genericKubernetesResources(BigRunIT.API_VERSION, "PipelineRun")
          .inNamespace(namespace).resource(new GenericKubernetesResourceBuilder()
              .withApiVersion(BigRunIT.API_VERSION).withKind("PipelineRun")
              .withNewMetadata().withName("r").endMetadata()
              .addToAdditionalProperties("spec", Map.of("pipelineRef", Map.of("name", "p")))
              .build())
          .create();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sizes.writes()).isEqualTo(1));
      int small = sizes.largest().bytes();

      run.getAdditionalProperties().put("status", Map.of("phase", "Running", "message", "x".repeat(3_000)));
      client.genericKubernetesResources(BigRunIT.API_VERSION, "PipelineRun").inNamespace(namespace)
          .resource(run).updateStatus();

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(sizes.writes()).isEqualTo(2));
      assertThat(small).isLessThan(2_000);
      assertThat(sizes.largest().bytes()).isGreaterThan(3_000);
      assertThat(sizes.largest().phase()).isEqualTo("Running");
      assertThat(sizes.oversized()).singleElement().satisfies(s -> assertThat(s.bytes()).isGreaterThan(3_000));
      assertThat(RunSizeWatch.phase(sizes.latest())).isEqualTo("Running");

      sizes.record(sizes.latest());
      assertThat(sizes.writes()).as("a version the watch already measured is not counted twice").isEqualTo(2);
    }
  }

  private JsonNode run(String statusJson) throws IOException {
    return JSON.readTree("{\"metadata\":{\"name\":\"r\",\"namespace\":\"" + client.getNamespace() + "\"},"
        + "\"status\":" + statusJson + "}");
  }

  private void chunk(String name, String entriesJson) {
    client.configMaps().resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
        .withData(Map.of(NodeTable.DATA_KEY, gzipBase64(entriesJson))).build()).create();
  }

  private static Job job(String name, String node) {
    Map<String, String> labels = Map.of("flowline.io/run", "r", "flowline.io/node", node, "flowline.io/attempt", "1");
    Map<String, String> annotations = Map.of("flowline.io/run-name", "r");
    return new JobBuilder()
        .withNewMetadata().withName(name).withLabels(labels).withAnnotations(annotations).endMetadata()
        .withNewSpec()
          .withNewTemplate()
            .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .addNewContainer().withName("main").withImage("busybox:1.36").endContainer()
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  private static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
