package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fabric8 mock API server in CRUD mode with Flowline's CRDs, and the CLI run in-process against it (namespace
 * "test", the mock client's default), at a fixed clock.
 */
public final class MockCluster implements BeforeEachCallback, AfterEachCallback {
  public static final Instant NOW = Instant.parse("2025-08-22T10:00:00Z");
  public static final String NAMESPACE = "test";
  private static final List<String> CRDS =
      List.of("/crds/pipelines.flowline.io-v1.yml", "/crds/pipelineruns.flowline.io-v1.yml");

  /** The mock web server logs every request through java.util.logging; kept quiet (and referenced, so it stays). */
  private static final java.util.logging.Logger MOCK_LOG = quiet();

  private KubernetesMockServer server;

  private static java.util.logging.Logger quiet() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");
    logger.setLevel(java.util.logging.Level.WARNING);
    return logger;
  }
  private KubernetesClient client;

  /** What one command line printed and returned. */
  public record Result(int exitCode, String out, String err) {
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    for (String crd : CRDS) {
      try (InputStream yaml = MockCluster.class.getResourceAsStream(crd)) {
        assertThat(yaml).as("generated CRD %s on the test classpath", crd).isNotNull();
        client.apiextensions().v1().customResourceDefinitions().load(yaml).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    client.close();
    server.destroy();
  }

  public KubernetesClient client() {
    return client;
  }

  /** Runs {@code kubectl flowline ARGS} against the mock server. */
  public Result cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = FlowlineCli.run(options -> server.createClient(), new PrintWriter(out), new PrintWriter(err),
        Clock.fixed(NOW, ZoneOffset.UTC), args);
    return new Result(code, out.toString(), err.toString());
  }

  public Pipeline createPipeline(String yaml) {
    return client.resource(client.getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
        .inNamespace(NAMESPACE).create();
  }

  public PipelineRun createRun(String yaml) {
    PipelineRun run = client.getKubernetesSerialization().unmarshal(yaml, PipelineRun.class);
    PipelineRun created = client.resource(run).inNamespace(NAMESPACE).create();
    if (run.getStatus() != null) {
      created.setStatus(run.getStatus());
      created = client.resource(created).inNamespace(NAMESPACE).updateStatus();
    }
    return created;
  }

  public PipelineRun run(String name) {
    return client.resources(PipelineRun.class).inNamespace(NAMESPACE).withName(name).get();
  }

  public List<PipelineRun> runs() {
    return client.resources(PipelineRun.class).inNamespace(NAMESPACE).list().getItems();
  }

  public Pipeline pipeline(String name) {
    return client.resources(Pipeline.class).inNamespace(NAMESPACE).withName(name).get();
  }
}
