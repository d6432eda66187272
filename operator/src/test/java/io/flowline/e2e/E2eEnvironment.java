package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Everything one end-to-end test class needs, registered as
 * {@code @RegisterExtension static final E2eEnvironment env = new E2eEnvironment();}: the cluster with the CRDs
 * installed, a namespace of its own and an operator process watching only that namespace. Classes therefore never
 * see each other's runs and can run in any order.
 */
public final class E2eEnvironment
    implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, TestWatcher {
  /** Deadline for a whole example run: seconds of work, but pods start slowly on a busy 2-core node. */
  public static final Duration RUN_DEADLINE = Duration.ofSeconds(120);

  private static final int LOG_TAIL_LINES = 80;
  /** How long a finished object must stay unchanged to show the operator leaves it alone. */
  private static final Duration SETTLED_FOR = Duration.ofSeconds(5);

  private E2eCluster cluster;
  private String testName;
  private String namespace;
  private OperatorProcess operator;
  private int operatorStarts;
  private final Map<String, String> operatorEnvironment;

  public E2eEnvironment() {
    this(Map.of());
  }

  /** @param operatorEnvironment settings for this class's operator, e.g. a short FLOWLINE_POD_START_GRACE */
  public E2eEnvironment(Map<String, String> operatorEnvironment) {
    this.operatorEnvironment = Map.copyOf(operatorEnvironment);
  }

  /**
   * Skips the class without a cluster. A condition rather than an abort in beforeAll: Maven then reports every
   * test as skipped with the reason, where a class-level abort shows as "Tests run: 0" and the reason is lost.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (E2eCluster.find().isPresent()) {
      return ConditionEvaluationResult.enabled("cluster found");
    }
    if (E2eCluster.required()) {
      return ConditionEvaluationResult.enabled(E2eCluster.REQUIRED_ENV + "=true: beforeAll fails the class");
    }
    return ConditionEvaluationResult.disabled(E2eCluster.unavailableReason());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    testName = context.getRequiredTestClass().getSimpleName();
    cluster = E2eCluster.find().orElseThrow(() -> new IllegalStateException(
        E2eCluster.REQUIRED_ENV + "=true, but " + E2eCluster.unavailableReason()));
    cluster.installCrds();
    namespace = cluster.createNamespace(testName.replaceFirst("IT$", ""));
    startOperator();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Namespace first, while the operator still runs and can release any finalizer it put on its resources.
    if (namespace != null) {
      cluster.deleteNamespace(namespace);
    }
    if (operator != null) {
      operator.stop();
    }
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    if (operator != null) {
      operator.printLogTail(LOG_TAIL_LINES);
    }
  }

  public String namespace() {
    return namespace;
  }

  public KubernetesClient client() {
    return cluster.client();
  }

  public Path examplesDir() {
    return cluster.layout().examplesDir();
  }

  /** A manifest of the tests' own, from src/test/resources/e2e/. */
  public Path testManifest(String fileName) {
    URL resource = E2eEnvironment.class.getResource("/e2e/" + fileName);
    if (resource == null) {
      throw new IllegalArgumentException("no test manifest e2e/" + fileName + " on the test classpath");
    }
    try {
      return Path.of(resource.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Runs kubectl in the test namespace and returns its standard output. */
  public String kubectl(String... args) {
    List<String> namespaced = new ArrayList<>(List.of("-n", namespace));
    namespaced.addAll(List.of(args));
    return cluster.kubectl().run(namespaced.toArray(String[]::new));
  }

  /** kubectl apply -n NAMESPACE -f FILE, for each file in order. */
  public void apply(Path... manifests) {
    for (Path manifest : manifests) {
      kubectl("apply", "-f", manifest.toString());
    }
  }

  /** Starts an operator process; each start gets its own log file, NAME-1.log, NAME-2.log, ... */
  public void startOperator() {
    operatorStarts++;
    operator = OperatorProcess.start(cluster.layout(), namespace, testName + "-" + operatorStarts,
        operatorEnvironment);
  }

  /** Whether the operator process of this class still runs: a test input must never crash it. */
  public boolean operatorIsAlive() {
    return operator != null && operator.isAlive();
  }

  /**
   * No hot loop: a final object keeps its resourceVersion for a while, and the operator process is still there.
   */
  public void assertSettled(Supplier<? extends HasMetadata> read, String what) {
    String version = read.get().getMetadata().getResourceVersion();
    await(what + " to stay unchanged at resourceVersion " + version)
        .during(SETTLED_FOR).atMost(SETTLED_FOR.plusSeconds(5))
        .until(() -> read.get().getMetadata().getResourceVersion(), version::equals);
    org.assertj.core.api.Assertions.assertThat(operatorIsAlive()).as("operator process alive").isTrue();
  }

  /** Simulates an operator crash (SIGKILL). */
  public void killOperator() {
    operator.kill();
  }

  /**
   * An Awaitility condition for this environment: gives up at once when the operator process has died (waiting
   * out the deadline would only hide the crash) and rides out transient API errors of a loaded node. Callers set
   * the deadline with atMost.
   */
  public ConditionFactory await(String what) {
    return Awaitility.await(what)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .failFast("the operator process exited, see its log " + operator.log(), () -> !operator.isAlive());
  }
}
