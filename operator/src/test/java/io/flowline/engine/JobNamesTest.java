package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobNamesTest {
  @Test
  void aShortNameIsRunNodeAttempt() {
    assertThat(JobNames.jobName("nightly-etl-x7k2p", "extract", 1)).isEqualTo("nightly-etl-x7k2p-extract-1");
  }

  @Test
  void aNameOver63CharactersIsCutAndHashedDeterministically() {
    String run = "a-very-long-run-name-that-someone-generated-for-this-pipeline";
    String name = JobNames.jobName(run, "transform-the-data", 12);

    assertThat(name).hasSizeLessThanOrEqualTo(63);
    assertThat(name).endsWith("-" + JobNames.hash8(run + "/transform-the-data") + "-12");
    assertThat(name).startsWith("a-very-long-run-name");
    assertThat(JobNames.jobName(run, "transform-the-data", 12)).isEqualTo(name);
    assertThat(JobNames.jobName(run + "x", "transform-the-data", 12)).isNotEqualTo(name);
  }

  @Test
  void aCutNeverLeavesADashBeforeTheHash() {
    // "<run>-" is exactly as long as the kept prefix, so the cut ends on the separator dash.
    String run = "r".repeat(51);
    String name = JobNames.jobName(run, "n".repeat(30), 1);

    assertThat(name).doesNotContain("--");
    assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void labelValuesOver63CharactersAreShortenedWithAHash() {
    String longValue = "x".repeat(80);

    assertThat(JobNames.labelValue("short")).isEqualTo("short");
    assertThat(JobNames.labelValue(longValue)).hasSize(63).endsWith("-" + JobNames.hash8(longValue));
  }
}
