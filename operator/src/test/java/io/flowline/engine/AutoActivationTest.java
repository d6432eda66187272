package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowline.api.Activation;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AutoActivationTest {
  private static final Instant NOW = Instant.parse("2025-01-01T12:00:00Z");

  private static AutoDecision plan(String sleepTimeout, AutoRun... runs) {
    return AutoActivation.plan(Activation.Auto, false, sleepTimeout, true, List.of(runs), NOW);
  }

  @Test
  void aValidAutoPipelineWithoutRunsStartsCycleOneAtOnce() {
    AutoDecision decision = plan("30s");

    assertThat(decision).isEqualTo(new AutoDecision(AutoDecision.Action.START, 1, null));
    assertThat(decision.runName("ingest")).isEqualTo("ingest-auto-1");
  }

  @Test
  void whileARunIsActiveNothingStarts() {
    assertThat(plan("30s", AutoRun.finished(1, NOW.minusSeconds(600)), AutoRun.active(2)))
        .isEqualTo(new AutoDecision(AutoDecision.Action.RUN_ACTIVE, 2, null));
  }

  @Test
  void afterARunEndsThePipelineSleepsUntilSleepTimeoutHasPassed() {
    AutoDecision decision = plan("30s", AutoRun.finished(1, NOW.minusSeconds(10)));

    assertThat(decision.action()).isEqualTo(AutoDecision.Action.SLEEP);
    assertThat(decision.sleeping()).isTrue();
    assertThat(decision.wakeAt()).isEqualTo(NOW.plusSeconds(20));
  }

  @Test
  void theNextCycleStartsOnceSleepTimeoutHasPassedSinceTheNewestRunEnded() {
    assertThat(plan("30s", AutoRun.finished(1, NOW.minusSeconds(900)), AutoRun.finished(2, NOW.minusSeconds(30))))
        .isEqualTo(new AutoDecision(AutoDecision.Action.START, 3, null));
    assertThat(plan("1h30m", AutoRun.finished(7, NOW.minusSeconds(5400))).cycle()).isEqualTo(8);
  }

  @Test
  void theCycleComesFromTheNewestRunWhateverTheOrderOrGapsOfTheList() {
    assertThat(plan("30s", AutoRun.finished(5, NOW.minusSeconds(60)), AutoRun.finished(3, NOW.minusSeconds(1))))
        .isEqualTo(new AutoDecision(AutoDecision.Action.START, 6, null));
  }

  @Test
  void withoutSleepTimeoutTheNextCycleStartsAsSoonAsTheRunEnded() {
    assertThat(plan(null, AutoRun.finished(1, NOW)).cycle()).isEqualTo(2);
    assertThat(plan("0", AutoRun.finished(1, NOW)).action()).isEqualTo(AutoDecision.Action.START);
  }

  @Test
  void aRestartedOperatorDecidesTheSameFromTheSameRunsSoItCreatesNoDuplicate() {
    AutoRun[] runs = {AutoRun.finished(1, NOW.minusSeconds(40))};

    AutoDecision first = plan("30s", runs);
    AutoDecision afterRestart = plan("30s", runs);
    assertThat(afterRestart).isEqualTo(first);
    assertThat(afterRestart.runName("ingest")).isEqualTo("ingest-auto-2");
    // Once cycle 2 exists (even before its status says anything), it is the active run and nothing else starts.
    assertThat(plan("30s", runs[0], AutoRun.active(2)).action()).isEqualTo(AutoDecision.Action.RUN_ACTIVE);
  }

  @Test
  void manualSuspendedOrInvalidPipelinesStartNothing() {
    List<AutoRun> none = List.of();

    assertThat(AutoActivation.plan(Activation.Manual, false, "30s", true, none, NOW)).isEqualTo(AutoDecision.none());
    assertThat(AutoActivation.plan(null, false, "30s", true, none, NOW)).isEqualTo(AutoDecision.none());
    assertThat(AutoActivation.plan(Activation.Auto, true, "30s", true, none, NOW)).isEqualTo(AutoDecision.none());
    assertThat(AutoActivation.plan(Activation.Auto, false, "nonsense", false, none, NOW))
        .isEqualTo(AutoDecision.none());
  }

  @Test
  void aSuspendedPipelineNeitherSleepsNorPlansAWakeUp() {
    AutoDecision decision = AutoActivation.plan(Activation.Auto, true, "30s", true,
        List.of(AutoRun.finished(1, NOW.minusSeconds(10))), NOW);

    assertThat(decision.sleeping()).isFalse();
    assertThat(decision.wakeAt()).isNull();
  }

  @Test
  void onlyAStartDecisionNamesARun() {
    assertThatThrownBy(() -> plan("30s", AutoRun.active(1)).runName("ingest"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFinishedRunMustSayWhenItEnded() {
    assertThatThrownBy(() -> AutoRun.finished(1, null)).isInstanceOf(IllegalArgumentException.class);
  }
}
