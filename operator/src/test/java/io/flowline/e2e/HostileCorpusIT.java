package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import io.flowline.e2e.HealthEndpoint.Answer;
import io.flowline.e2e.HostileCorpus.Case;
import io.flowline.e2e.HostileCorpus.Expectation;
import io.flowline.e2e.HostileCorpus.NodeEnd;
import io.flowline.e2e.HostileCorpus.PipelineEnd;
import io.flowline.e2e.HostileCorpus.Rejected;
import io.flowline.e2e.HostileCorpus.RunEnd;
import io.flowline.e2e.HostileCorpus.Then;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-input corpus (src/test/resources/e2e/corpus/, one malformed or hostile manifest a file, its expectation
 * in its leading comments): each file, applied with kubectl as a user would, is refused by the schema at apply time or
 * ends in a named state, condition and reason. Then, over every object that ended: no status writes for a while (no
 * hot loop), and the operator process is alive with /healthz OK.
 *
 * <p>Everything is applied first (the runs whose Pipeline is missing first of all: their outcome takes 30 s), then
 * each case is asserted with a deadline, so the class takes about as long as its slowest case.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileCorpusIT {
  private static final int HEALTH_PORT = HealthEndpoint.freePort();

  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of("FLOWLINE_HEALTH_PORT", Integer.toString(HEALTH_PORT)));

  /** Validation is the operator's own latency; the missing Pipeline takes 30 s; a few cases run one short pod. */
  private static final Duration OUTCOME_DEADLINE = E2eEnvironment.RUN_DEADLINE;
  private static final Duration STARTUP = Duration.ofSeconds(60);
  /** kubectl calls at once: applying is most of the setup, and the machine has two cores. */
  private static final int APPLY_THREADS = 4;
  /** How long every final object must keep its resourceVersion. */
  private static final Duration SETTLED_FOR = Duration.ofSeconds(5);

  private static final HealthEndpoint health = new HealthEndpoint(HEALTH_PORT);
  private static final Runs runs = new Runs(env);
  /** What kubectl said for each file: null when it succeeded, else its error. */
  private static final Map<String, String> applyErrors = new ConcurrentHashMap<>();
  /** The objects that reached their final state, for the settle check at the end. */
  private static final Set<ObjectRef> finished = ConcurrentHashMap.newKeySet();

  private record ObjectRef(String kind, String name) {
  }

  static Stream<Case> corpus() {
    return HostileCorpus.cases().stream();
  }

  @BeforeAll
  static void applyCorpus() throws Exception {
    env.await("the operator to be ready").atMost(STARTUP).until(health::readyz, answer -> answer.status() == 200);
    // The CRDs are shared by every worktree on this cluster: apply ours again right before the cases that need
    // their bounds, should another checkout have applied older ones since this class's start.
    env.kubectl("apply", "-f", env.layout().crdsDir().toString());
    List<Case> cases = new ArrayList<>(HostileCorpus.cases());
    cases.sort(Comparator.comparing((Case c) -> !c.slow()).thenComparing(c -> c.then() == null));
    ExecutorService pool = Executors.newFixedThreadPool(APPLY_THREADS);
    try {
      List<Future<?>> applies = new ArrayList<>();
      for (Case c : cases) {
        if (c.then() != null) {
          // At once, before the queue of other files: the run must still be running when its Pipeline goes.
          apply(c);
          act(c.then());
        } else {
          applies.add(pool.submit(() -> apply(c)));
        }
      }
      for (Future<?> apply : applies) {
        apply.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static void apply(Case c) {
    try {
      env.kubectl(c.create() ? "create" : "apply", "-f", c.manifest().toString());
    } catch (AssertionError refused) {
      applyErrors.put(c.file(), String.valueOf(refused.getMessage()));
    }
  }

  private static void act(Then then) {
    env.await("run " + then.run() + " to be " + then.phase()).atMost(OUTCOME_DEADLINE)
        .until(() -> runs.get(then.run()), run -> run != null && run.getStatus() != null
            && run.getStatus().getPhase() != null && run.getStatus().getPhase().name().equals(then.phase()));
    env.kubectl("delete", "pipeline", then.pipeline(), "--wait=false");
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void eachCaseIsRefusedAtApplyOrEndsAsItsFileExpects(Case c) {
    String error = applyErrors.get(c.file());
    if (!c.rejected()) {
      assertThat(error).as("kubectl %s of %s (%s)", c.create() ? "create" : "apply", c.file(), c.description())
          .isNull();
    }
    for (Expectation expectation : c.expectations()) {
      if (expectation instanceof Rejected rejected) {
        assertRejected(c, error, rejected);
      } else if (expectation instanceof PipelineEnd pipeline) {
        assertPipeline(pipeline);
      } else if (expectation instanceof RunEnd run) {
        assertRun(run);
      } else if (expectation instanceof NodeEnd node) {
        assertNode(node);
      }
    }
  }

  @Order(2)
  @Test
  void everyFinishedObjectStaysUnchangedAndTheOperatorStaysHealthy() {
    assertThat(finished).as("objects that reached their final state").isNotEmpty();
    Map<ObjectRef, String> versions = versions();
    env.await("the " + versions.size() + " finished objects to keep their resourceVersions")
        .pollInterval(Duration.ofSeconds(1)).during(SETTLED_FOR).atMost(SETTLED_FOR.plusSeconds(10))
        .untilAsserted(() -> assertThat(versions()).as("resourceVersions").isEqualTo(versions));

    assertThat(env.operatorIsAlive()).as("operator process alive").isTrue();
    Answer healthz = health.healthz();
    assertThat(healthz.status()).as("/healthz: %s", healthz).isEqualTo(200);
  }

  private static void assertRejected(Case c, String error, Rejected rejected) {
    assertThat(error).as("kubectl's answer to %s (%s)", c.file(), c.description())
        .isNotNull().contains(rejected.message());
    // Nothing of a refused file reached the API server.
    assertThat(env.kubectlOutput("get", "-f", c.manifest().toString(), "--ignore-not-found", "-o", "name").strip())
        .as("objects of %s", c.file()).isEmpty();
  }

  private static void assertPipeline(PipelineEnd expected) {
    Pipeline pipeline = env.await("pipeline " + expected.name() + " to be judged").atMost(OUTCOME_DEADLINE)
        .until(() -> pipeline(expected.name()), p -> p != null && p.getStatus() != null
            && p.getStatus().getState() != null
            && p.getMetadata().getGeneration().equals(p.getStatus().getObservedGeneration()));
    String shown = summary(pipeline);
    assertThat(pipeline.getStatus().getState()).as(shown).isEqualTo(PipelineState.valueOf(expected.state()));
    Condition ready = Conditions.require(pipeline.getStatus().getConditions(), "Ready");
    if (expected.state().equals("Invalid")) {
      assertThat(ready.getStatus()).as(shown).isEqualTo("False");
      assertThat(ready.getReason()).as(shown).isEqualTo("Invalid");
    } else {
      assertThat(ready.getStatus()).as(shown).isEqualTo("True");
    }
    if (expected.message() != null) {
      assertThat(ready.getMessage()).as(shown).contains(expected.message());
    }
    finished.add(new ObjectRef("Pipeline", expected.name()));
  }

  private static void assertRun(RunEnd expected) {
    PipelineRun run = runs.awaitFinished(expected.name(), OUTCOME_DEADLINE);
    String shown = summary(run);
    assertThat(run.getStatus().getPhase()).as(shown).isEqualTo(RunPhase.valueOf(expected.phase()));
    Condition succeeded = Conditions.require(run.getStatus().getConditions(), "Succeeded");
    assertThat(succeeded.getReason()).as(shown).isEqualTo(expected.reason());
    if (expected.message() != null) {
      assertThat(succeeded.getMessage()).as(shown).contains(expected.message());
    }
    if (run.getStatus().getStartTime() == null) {
      // Refused before it started (PipelineInvalid, InvalidParams, PipelineNotFound, RerunSource*): no Job at all.
      assertThat(runs.jobs(expected.name())).as("Jobs of " + expected.name()).isEmpty();
    }
    finished.add(new ObjectRef("PipelineRun", expected.name()));
  }

  private static void assertNode(NodeEnd expected) {
    PipelineRun run = runs.awaitFinished(expected.run(), OUTCOME_DEADLINE);
    NodeStatus node = runs.node(run, expected.node());
    String shown = summary(run);
    assertThat(node.getPhase().name()).as(shown).isEqualTo(expected.phase());
    assertThat(node.getReason()).as(shown).isEqualTo(expected.reason());
    assertThat(node.getMessage()).as(shown).contains(expected.message());
    finished.add(new ObjectRef("PipelineRun", expected.run()));
  }

  private static Map<ObjectRef, String> versions() {
    Map<ObjectRef, String> versions = new LinkedHashMap<>();
    for (ObjectRef ref : finished) {
      Supplier<? extends HasMetadata> read = ref.kind().equals("Pipeline") ? () -> pipeline(ref.name())
          : () -> runs.get(ref.name());
      HasMetadata object = read.get();
      versions.put(ref, object == null ? "deleted" : object.getMetadata().getResourceVersion());
    }
    return versions;
  }

  private static Pipeline pipeline(String name) {
    return env.client().resources(Pipeline.class).inNamespace(env.namespace()).withName(name).get();
  }

  /** The object for an assertion message, without the huge parts some cases carry (10,000 nodes, 300 KiB). */
  private static String summary(HasMetadata object) {
    String yaml = runs.describe(object);
    return yaml.length() <= 8_000 ? yaml : yaml.substring(0, 4_000) + "\n...\n" + yaml.substring(yaml.length() - 4_000);
  }
}
