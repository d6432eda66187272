package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunNamesTest {
  private static final String DNS_1123_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
  private static final String SIXTY_CHARS = "a-pipeline-with-a-name-of-exactly-sixty-characters-xxxxxxxxx";

  @Test
  void aScheduledRunIsNamedAfterItsFireTimeInMinutesSinceTheEpochLikeACronJobsJob() {
    assertThat(RunNames.scheduled("nightly-etl", Instant.parse("2025-01-15T10:30:00Z")))
        .isEqualTo("nightly-etl-28948950");
  }

  @Test
  void theSameFireAlwaysGivesTheSameNameAndTheNextMinuteAnother() {
    Instant fire = Instant.parse("2025-01-15T10:30:00Z");

    assertThat(RunNames.scheduled("etl", fire)).isEqualTo(RunNames.scheduled("etl", fire.plusSeconds(59)));
    assertThat(RunNames.scheduled("etl", fire)).isNotEqualTo(RunNames.scheduled("etl", fire.plusSeconds(60)));
  }

  @Test
  void anAutoRunIsNamedAfterItsCycle() {
    assertThat(RunNames.auto("ingest", 1)).isEqualTo("ingest-auto-1");
    assertThat(RunNames.auto("ingest", 42)).isEqualTo("ingest-auto-42");
  }

  @Test
  void autoCyclesCountFromOne() {
    assertThatThrownBy(() -> RunNames.auto("ingest", 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aSixtyCharacterPipelineGetsShortenedValidNamesThatKeepTheirTail() {
    assertThat(SIXTY_CHARS).hasSize(60);
    String scheduled = RunNames.scheduled(SIXTY_CHARS, Instant.parse("2025-01-15T10:30:00Z"));
    String auto = RunNames.auto(SIXTY_CHARS, 7);

    assertThat(scheduled).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL)
        .endsWith("-" + JobNames.hash8(SIXTY_CHARS) + "-28948950").startsWith("a-pipeline-with");
    assertThat(auto).hasSizeLessThanOrEqualTo(63).matches(DNS_1123_LABEL)
        .endsWith("-" + JobNames.hash8(SIXTY_CHARS) + "-auto-7");
  }

  @Test
  void twoLongPipelinesThatShareTheirBeginningGetDifferentNames() {
    String fire = "2025-01-15T10:30:00Z";

    assertThat(RunNames.scheduled(SIXTY_CHARS + "-a", Instant.parse(fire)))
        .isNotEqualTo(RunNames.scheduled(SIXTY_CHARS + "-b", Instant.parse(fire)));
  }

  @Test
  void aCutThatEndsOnADashLeavesNoDashBeforeTheHash() {
    String pipeline = "p".repeat(45) + "-" + "q".repeat(20);

    assertThat(RunNames.auto(pipeline, 1)).doesNotContain("--").matches(DNS_1123_LABEL);
  }

  @Test
  void theCycleOfAnAutoRunIsReadBackFromItsNameEvenWhenShortened() {
    assertThat(RunNames.autoCycleOf("ingest", "ingest-auto-12")).hasValue(12);
    assertThat(RunNames.autoCycleOf(SIXTY_CHARS, RunNames.auto(SIXTY_CHARS, 3))).hasValue(3);
  }

  @Test
  void namesThatAreNotThisPipelinesAutoRunsHaveNoCycle() {
    assertThat(RunNames.autoCycleOf("ingest", "ingest-x7k2p")).isEmpty();
    assertThat(RunNames.autoCycleOf("ingest", "other-auto-1")).isEmpty();
    assertThat(RunNames.autoCycleOf("ingest", "ingest-auto-0")).isEmpty();
    assertThat(RunNames.autoCycleOf("ingest", "ingest-auto-01")).isEmpty();
    assertThat(RunNames.autoCycleOf(SIXTY_CHARS, "a-pipeline-with-a-name-of-exa-00000000-auto-3")).isEmpty();
  }
}
