package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.engine.PlannerSimulation.Invariant;
import io.flowline.engine.PlannerSimulation.Result;
import io.flowline.engine.PlannerSimulation.Scenario;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of {@link RunPlanner} over whole simulated runs ({@link PlannerSimulation}): random DAGs of 1 to 40
 * nodes with retries and allowFailure, random attempt ends and launch answers, spec.state and spec.skipNodes
 * changes, timeouts, stops from outside and spec.retry resets.
 *
 * <p>Each property runs the same {@value #TRIES} seeds (fixed, so the build is repeatable; a simulation is run once
 * and shared by the properties). A failure names its seed and, when a smaller case fails too, the smallest one
 * found: repeat it with {@code -Dflowline.planner.seed=<seed>}. {@code -Dflowline.planner.tries=<n>} and
 * {@code -Dflowline.planner.baseSeed=<n>} explore further seeds.
 *
 * <p>Plain JUnit over seeded {@link java.util.Random} rather than jqwik: from 1.10 on, jqwik's maintainers ask that it
 * not be used with AI coding agents (its "Anti-AI Usage Clause"), and these tests were written with one. Shrinking is
 * the small {@link Shrinker} below.
 */
class PlannerPropertiesTest {
  static final int TRIES = 200;
  private static final Map<Long, Result> RESULTS = new ConcurrentHashMap<>();

  static LongStream seeds() {
    String single = System.getProperty("flowline.planner.seed");
    if (single != null) {
      return LongStream.of(Long.parseLong(single));
    }
    long base = Long.getLong("flowline.planner.baseSeed", 20250822L);
    int tries = Integer.getInteger("flowline.planner.tries", TRIES);
    return LongStream.range(0, tries).map(i -> base + i);
  }

  private static Result simulate(long seed) {
    return RESULTS.computeIfAbsent(seed, s -> PlannerSimulation.run(Scenario.of(s)));
  }

  private static void assertHolds(Invariant invariant, long seed) {
    Result result = simulate(seed);
    String violation = result.violations.get(invariant);
    if (violation != null) {
      Result smallest = Shrinker.smallestBreaking(result.scenario, invariant);
      String smaller = smallest == result ? "" : "\nsmallest failing case found: "
          + smallest.violations.get(invariant);
      throw new AssertionError(invariant + " broken: " + violation + smaller);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aNodeStartsOnlyWhenEachDependencySucceededWasSkippedOrFailedWithAllowFailure(long seed) {
    assertHolds(Invariant.DEPENDENCIES_FIRST, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void eachJobIsCreatedAtMostOnceAndAttemptsGoUpByOne(long seed) {
    assertHolds(Invariant.EACH_JOB_ONCE, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void everyRunEndsWithinItsStepBound(long seed) {
    assertHolds(Invariant.TERMINATES, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void noJobIsLeftRunningWithoutANodeThatTracksItOrADelete(long seed) {
    assertHolds(Invariant.NOTHING_LEFT_ACTIVE, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void aRunEndsTheWayItsNodesSay(long seed) {
    assertHolds(Invariant.OUTCOME_MATCHES_NODES, seed);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void progressNeverGoesDownExceptAcrossARetry(long seed) {
    assertHolds(Invariant.PROGRESS_MONOTONIC, seed);
  }

  /** The properties say little unless the seeds reach every kind of step and end. */
  @Test
  void theSeedsReachEveryKindOfStepAndEnd() {
    Map<String, Integer> total = new TreeMap<>();
    LongStream.range(0, TRIES).map(i -> Long.getLong("flowline.planner.baseSeed", 20250822L) + i)
        .mapToObj(PlannerPropertiesTest::simulate)
        .forEach(result -> result.stats.forEach((key, count) -> total.merge(key, 1, Integer::sum)));

    assertThat(total).as("how many seeds reached each kind of step or end").containsKeys(
        "created", "launchRejected", "launchDeferred", "jobMissing", "platformFailure", "stuck", "jobDeleted", "retry", "skipListed",
        "stopFromOutside", "desired:Paused", "desired:Stopped", "desired:Cancelled",
        "end:Succeeded:Succeeded", "end:Failed:Failed", "end:Failed:Timeout", "end:Cancelled:Stopped",
        "end:Cancelled:Cancelled", "end:Cancelled:ConcurrencyLimit");
    assertThat(total.get("end:Succeeded:Succeeded")).as("seeds with a Succeeded end").isGreaterThan(TRIES / 10);
    assertThat(total.get("end:Failed:Failed")).as("seeds with a Failed end").isGreaterThan(TRIES / 10);
    assertThat(total.get("retry")).as("seeds with a spec.retry").isGreaterThan(TRIES / 10);
  }

  /**
   * Looks for a smaller case that breaks the same invariant: the first k nodes of the same seed (a prefix of a DAG
   * whose edges point backwards is a DAG), and fewer chaotic steps. The simulation's choices shift with the size,
   * so this finds a smaller failing case, not necessarily the same failure.
   */
  static final class Shrinker {
    private Shrinker() {
    }

    static Result smallestBreaking(Scenario scenario, Invariant invariant) {
      Result best = PlannerSimulation.run(scenario);
      for (int nodes = 1; nodes <= 40; nodes++) {
        Result candidate = PlannerSimulation.run(new Scenario(scenario.seed(), nodes, scenario.chaosCap()));
        if (candidate.violations.containsKey(invariant)) {
          best = candidate;
          break;
        }
      }
      for (int chaos = 0; chaos < best.steps; chaos++) {
        Result candidate = PlannerSimulation.run(new Scenario(best.scenario.seed(), best.scenario.nodeCap(), chaos));
        if (candidate.violations.containsKey(invariant)) {
          return candidate;
        }
      }
      return best;
    }
  }
}
