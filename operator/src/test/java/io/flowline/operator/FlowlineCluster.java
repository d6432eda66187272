package io.flowline.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.flowline.FlowlineOperator;
import io.flowline.OperatorSettings;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.kube.FlowlineLabels;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fabric8 mock API server in CRUD mode with the Flowline CRDs, a client, and (unless a test wants to prepare the
 * cluster first) the real operator, started fresh for every test and stopped after it. There is no Job controller
 * and no kubelet: {@link #jobController()} plays them.
 */
final class FlowlineCluster implements BeforeEachCallback, AfterEachCallback {
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private FlowlineOperator.Built built;
  private static final Duration POLL = Duration.ofMillis(50);
  private static final List<String> CRDS =
      List.of("/crds/pipelines.flowline.io-v1.yml", "/crds/pipelineruns.flowline.io-v1.yml",
          "/crds/nodetemplates.flowline.io-v1.yml");

  /** The mock web server logs every request through java.util.logging; a failing test's log stays readable. */
  private static final java.util.logging.Logger MOCK_SERVER_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  static {
    MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
  }

  private static final String OPERATOR_USER_AGENT = "flowline-operator-under-test";
  private final boolean startOperatorBeforeEach;
  private final AdjustableClock clock = new AdjustableClock();
  private KubernetesMockServer server;
  private KubernetesClient client;
  private Operator operator;
  private PrometheusMeterRegistry meterRegistry;
  private KubernetesClient operatorClient;

  private FlowlineCluster(boolean startOperatorBeforeEach) {
    this.startOperatorBeforeEach = startOperatorBeforeEach;
  }

  static FlowlineCluster withOperator() {
    return new FlowlineCluster(true);
  }

  /** For tests that prepare the cluster before the operator starts; they call {@link #startOperator()}. */
  static FlowlineCluster withoutOperator() {
    return new FlowlineCluster(false);
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
    server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), responses,
        new KubernetesMixedDispatcher(responses), false);
    server.init();
    client = server.createClient();
    for (String crd : CRDS) {
      // Creating the CRDs tells the CRUD mock the plurals and that status is a subresource.
      try (InputStream yaml = FlowlineCluster.class.getResourceAsStream(crd)) {
        assertThat(yaml).as("generated CRD %s on the test classpath", crd).isNotNull();
        client.apiextensions().v1().customResourceDefinitions().load(yaml).create();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    if (startOperatorBeforeEach) {
      startOperator();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (operator != null) {
        operator.stop();
      }
    } finally {
      operator = null;
      if (operatorClient != null) {
        operatorClient.close();
      }
      client.close();
      server.destroy();
    }
  }

  void startOperator() {
    // Its own client, told apart by its user agent: tests count the operator's requests (operatorRequests).
    operatorClient = new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
        .withUserAgent(OPERATOR_USER_AGENT).build()).build();
    meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    built = FlowlineOperator.build(operatorClient,
        OperatorSettings.fromEnvironment(Map.of("FLOWLINE_INSTALL_CRDS", "false", "FLOWLINE_HEALTH_PORT", "0")), clock,
        meterRegistry, io.flowline.Leadership.alone());
    operator = built.operator();
    operator.start();
  }

  KubernetesClient client() {
    return client;
  }

  /** The running operator's run reconciler, whose caches the dashboard reads. */
  io.flowline.reconciler.PipelineRunReconciler runReconciler() {
    return built.runReconciler();
  }

  /** The operator's own client (its requests are counted apart from the test's). */
  KubernetesClient operatorClient() {
    return operatorClient;
  }

  /** The operator's meters, as Main serves them at /metrics. */
  PrometheusMeterRegistry meterRegistry() {
    return meterRegistry;
  }

  /**
   * The operator's requests since the last call, as "METHOD path?query", oldest first: the mock server records
   * every request, and the operator's carry its own user agent.
   */
  List<String> operatorRequests() throws InterruptedException {
    List<String> requests = new ArrayList<>();
    RecordedRequest request;
    while ((request = server.takeRequest(100, TimeUnit.MILLISECONDS)) != null) {
      if (OPERATOR_USER_AGENT.equals(request.getHeader("User-Agent"))) {
        requests.add(request.getMethod() + " " + request.getPath());
      }
    }
    return requests;
  }

  /** For expectations that answer one request differently (errors the CRUD mode never gives). */
  KubernetesMockServer server() {
    return server;
  }

  String namespace() {
    return client.getNamespace();
  }

  /** The operator's clock; tests may move it ahead of real time. */
  AdjustableClock clock() {
    return clock;
  }

  FakeJobController jobController() {
    return new FakeJobController(this);
  }

  // ---- resources ----

  Pipeline createPipeline(String yaml) {
    return client.resource(Serialization.unmarshal(yaml, Pipeline.class)).inNamespace(namespace()).create();
  }

  PipelineRun createRun(String yaml) {
    return client.resource(Serialization.unmarshal(yaml, PipelineRun.class)).inNamespace(namespace()).create();
  }

  PipelineRun run(String name) {
    return client.resources(PipelineRun.class).inNamespace(namespace()).withName(name).get();
  }

  Pipeline pipeline(String name) {
    return client.resources(Pipeline.class).inNamespace(namespace()).withName(name).get();
  }

  Job job(String name) {
    return client.batch().v1().jobs().inNamespace(namespace()).withName(name).get();
  }

  /** Every Job of a run, whatever its node or attempt. */
  List<Job> jobsOf(String run) {
    return client.batch().v1().jobs().inNamespace(namespace()).withLabel(FlowlineLabels.RUN, run).list().getItems();
  }

  List<String> jobNamesOf(String run) {
    return jobsOf(run).stream().map(job -> job.getMetadata().getName()).sorted().toList();
  }

  /** The core/v1 Events the operator recorded about an object. */
  List<Event> eventsAbout(String name) {
    return client.v1().events().inNamespace(namespace()).list().getItems().stream()
        .filter(event -> name.equals(event.getInvolvedObject().getName())).toList();
  }

  static NodeStatus node(PipelineRun run, String name) {
    return run.getStatus().getNodes().stream().filter(n -> n.getName().equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no status of node " + name + " in " + run.getStatus().getNodes()));
  }

  // ---- waiting ----

  /** Polls the run until the assertion holds (or the deadline passes) and returns the run that satisfied it. */
  PipelineRun awaitRun(String name, Consumer<PipelineRun> assertion) {
    AtomicReference<PipelineRun> seen = new AtomicReference<>();
    await("run " + name).atMost(TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
      PipelineRun run = run(name);
      assertThat(run).as("run %s", name).isNotNull();
      assertThat(run.getStatus()).as("status of run %s", name).isNotNull();
      assertion.accept(run);
      seen.set(run);
    });
    return seen.get();
  }

  Pipeline awaitPipeline(String name, Consumer<Pipeline> assertion) {
    AtomicReference<Pipeline> seen = new AtomicReference<>();
    await("pipeline " + name).atMost(TIMEOUT).pollInterval(POLL).untilAsserted(() -> {
      Pipeline pipeline = pipeline(name);
      assertThat(pipeline).as("pipeline %s", name).isNotNull();
      assertThat(pipeline.getStatus()).as("status of pipeline %s", name).isNotNull();
      assertion.accept(pipeline);
      seen.set(pipeline);
    });
    return seen.get();
  }

  Job awaitJob(String name) {
    return await("Job " + name).atMost(TIMEOUT).pollInterval(POLL).until(() -> job(name), java.util.Objects::nonNull);
  }

  /** A clock that follows real time plus an offset the test may change. */
  static final class AdjustableClock extends Clock {
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    void setOffset(Duration ahead) {
      offset.set(ahead);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("the operator works in UTC");
    }
  }
}
