package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
  /** FLOWLINE_BIGRUN_REQUIRED=true: a missing or unsuitable cluster fails the {@link #nodeless()} tests. */
  public static final String NODELESS_REQUIRED_ENV = "FLOWLINE_BIGRUN_REQUIRED";

  private static final int LOG_TAIL_LINES = 80;
  /** How long a finished object must stay unchanged to show the operator leaves it alone. */
  private static final Duration SETTLED_FOR = Duration.ofSeconds(5);
  private static final String NODELESS_HINT =
      "it needs a control-plane-only cluster: ../shared/k8s/down.sh; export KUBECONFIG=$(LOCAL_K8S_NODES=0 "
          + "../shared/k8s/up.sh | tail -1)";

  /** Set by {@link #nodeless()}. */
  private boolean nodeless;

  private final boolean operatorBeforeAll;
  private E2eCluster cluster;
  private String testName;
  private String namespace;
  private OperatorProcess operator;
  private int operatorStarts;
  /** Options of the operator started before the first test. */
  private final OperatorOptions initialOptions;

  /** The usual environment: the operator, with default options, runs before the first test. */
  public E2eEnvironment() {
    this(true, OperatorOptions.defaults());
  }

  /** @param operatorEnvironment settings for this class's operator, e.g. a short FLOWLINE_POD_START_GRACE */
  public E2eEnvironment(Map<String, String> operatorEnvironment) {
    this(true, new OperatorOptions(List.of(), operatorEnvironment));
  }

  private E2eEnvironment(boolean operatorBeforeAll, OperatorOptions initialOptions) {
    this.operatorBeforeAll = operatorBeforeAll;
    this.initialOptions = initialOptions;
  }

  /** Namespace only: each test starts the operator itself, with the options it needs ({@link #startOperator}). */
  public static E2eEnvironment withoutOperatorAtStart() {
    return new E2eEnvironment(false, OperatorOptions.defaults());
  }

  /**
   * Skips the class without a cluster. A condition rather than an abort in beforeAll: Maven then reports every
   * test as skipped with the reason, where a class-level abort shows as "Tests run: 0" and the reason is lost.
   */
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (nodeless) {
      String problem = nodelessProblem();
      if (problem == null) {
        return ConditionEvaluationResult.enabled("control-plane-only cluster found");
      }
      if (nodelessRequired()) {
        return ConditionEvaluationResult.enabled(NODELESS_REQUIRED_ENV + "=true: beforeAll fails the class");
      }
      System.err.println("Flowline nodeless e2e tests: " + problem);
      return ConditionEvaluationResult.disabled(problem);
    }
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
    if (nodeless) {
      String problem = nodelessProblem();
      if (problem != null) {
        throw new IllegalStateException(NODELESS_REQUIRED_ENV + "=true, but " + problem);
      }
    }
    cluster = E2eCluster.find().orElseThrow(() -> new IllegalStateException(
        E2eCluster.REQUIRED_ENV + "=true, but " + E2eCluster.unavailableReason()));
    cluster.installCrds();
    namespace = cluster.createNamespace(testName.replaceFirst("IT$", ""));
    if (operatorBeforeAll) {
      startOperator();
    }
  }

  /**
   * For tests that play the kubelet and the Job controller themselves: they need a cluster without nodes (the
   * kit's {@code LOCAL_K8S_NODES=0} mode, whose Job controller is off) and skip, saying why, on any other, unless
   * {@value #NODELESS_REQUIRED_ENV}=true makes that a failure. {@value E2eCluster#REQUIRED_ENV} does not apply to
   * them: CI's regular stage runs on a cluster with a node, where they must skip.
   */
  public static E2eEnvironment nodeless() {
    E2eEnvironment env = new E2eEnvironment();
    env.nodeless = true;
    return env;
  }

  /** Why the cluster cannot host a nodeless test, or null when it can. */
  private static String nodelessProblem() {
    java.util.Optional<E2eCluster> found = E2eCluster.find();
    if (found.isEmpty()) {
      return "no cluster (" + E2eCluster.problem() + "); " + NODELESS_HINT;
    }
    int nodes;
    try {
      nodes = found.get().nodeCount();
    } catch (KubernetesClientException e) {
      return "cannot list the cluster's Nodes (" + e.getMessage() + "); " + NODELESS_HINT;
    }
    if (nodes > 0) {
      return "the cluster has " + nodes + " node(s), hence a kubelet and a Job controller that would race this "
          + "test's fake node; " + NODELESS_HINT;
    }
    return null;
  }

  private static boolean nodelessRequired() {
    return Boolean.parseBoolean(System.getenv(NODELESS_REQUIRED_ENV));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    // Namespace first, while the operator still runs and can release any finalizer it put on its resources.
    if (namespace != null) {
      cluster.deleteNamespace(namespace);
      // Cluster-scoped, so the namespace does not take them along; none exist unless the class made some.
      LocalVolumes.release(cluster.client(), namespace);
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

  RepoLayout layout() {
    return cluster.layout();
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

  /** Runs kubectl in the test namespace and returns what it printed, whether it succeeded or not (diagnostics). */
  public String kubectlOutput(String... args) {
    List<String> namespaced = new ArrayList<>(List.of("-n", namespace));
    namespaced.addAll(List.of(args));
    return cluster.kubectl().output(namespaced.toArray(String[]::new));
  }

  /** Runs kubectl in the test namespace and tells whether it exited 0 (kubectl auth can-i, kubectl diff). */
  public boolean kubectlSucceeds(String... args) {
    List<String> namespaced = new ArrayList<>(List.of("-n", namespace));
    namespaced.addAll(List.of(args));
    return cluster.kubectl().succeeds(namespaced.toArray(String[]::new));
  }

  /** kubectl apply -n NAMESPACE -f FILE, for each file in order. */
  public void apply(Path... manifests) {
    for (Path manifest : manifests) {
      kubectl("apply", "-f", manifest.toString());
    }
  }

  /** Starts an operator process; each start gets its own log file, NAME-1.log, NAME-2.log, ... */
  public void startOperator() {
    startOperator(initialOptions);
  }

  /** Starts an operator process with extra JVM options or environment; stops the previous one if it still runs. */
  OperatorProcess startOperator(OperatorOptions options) {
    if (operator != null && operator.isAlive()) {
      operator.stop();
    }
    operatorStarts++;
    operator = OperatorProcess.start(cluster.layout(), namespace, testName + "-" + operatorStarts, options);
    return operator;
  }

  /** The operator process started last; null before the first start. */
  OperatorProcess operator() {
    return operator;
  }

  /** SIGTERM and wait; for tests that must take the operator down before their own cleanup. */
  public void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
  }

  /**
   * A kubeconfig for the operator that reaches the API server at another address, e.g. a proxy the test controls,
   * with the tests' own credentials and CA inlined. The address must be one the server certificate names.
   */
  Path kubeconfigWithServer(String server) {
    return kubeconfig("server", config -> entries(config, "clusters", "cluster").forEach(c -> c.put("server", server)));
  }

  /** A kubeconfig for the operator that authenticates with this bearer token (a ServiceAccount's) instead. */
  Path kubeconfigWithToken(String token) {
    return kubeconfig("token", config -> entries(config, "users", "user").forEach(user -> {
      user.clear();
      user.put("token", token);
    }));
  }

  /** The tests' kubeconfig, minified to the current context with everything inlined, edited, in a file. */
  private Path kubeconfig(String variant, Consumer<Map<String, Object>> edit) {
    String json = cluster.kubectl().run("config", "view", "--raw", "--minify", "--flatten", "-o", "json");
    @SuppressWarnings("unchecked")
    Map<String, Object> config = client().getKubernetesSerialization().unmarshal(json, Map.class);
    edit.accept(config);
    try {
      Path file = Files.createDirectories(cluster.layout().logsDir())
          .resolve(testName + "-kubeconfig-" + variant + ".json");
      // JSON is YAML: any kubeconfig reader takes it. Owner-only, as it holds credentials.
      Files.writeString(file, client().getKubernetesSerialization().asJson(config));
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a kubeconfig for " + testName, e);
    }
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

  /** The inner maps of a kubeconfig list: clusters[*].cluster, users[*].user. */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> entries(Map<String, Object> config, String list, String inner) {
    return ((List<Map<String, Object>>) config.get(list)).stream()
        .map(named -> (Map<String, Object>) named.get(inner)).toList();
  }

  /**
   * An Awaitility condition for this environment: gives up at once when the operator process has died (waiting
   * out the deadline would only hide the crash) and rides out transient API errors of a loaded node. Callers set
   * the deadline with atMost.
   */
  public ConditionFactory await(String what) {
    OperatorProcess watched = operator;
    ConditionFactory condition = Awaitility.await(what)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class);
    return watched == null ? condition
        : condition.failFast("the operator process exited, see its log " + watched.log(), () -> !watched.isAlive());
  }
}
