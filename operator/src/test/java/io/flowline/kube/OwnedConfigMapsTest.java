package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowline.api.PipelineRun;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OwnedConfigMapsTest {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  @ParameterizedTest(name = "run name of {0} characters")
  @ValueSource(ints = {1, 63, 240, 247, 248, 249, 250, 251, 252, 253})
  void theOverflowConfigMapsOfAnyValidRunNameHaveValidNamesWithTheirSuffixWhole(int length) {
    PipelineRun run = run("a".repeat(length));

    assertValid(SnapshotStore.configMapName(run), "-spec");
    assertValid(NodeTableStore.chunkName(run, 0), "-nodes-0");
    assertValid(NodeTableStore.chunkName(run, 12), "-nodes-12");
  }

  @ParameterizedTest(name = "a cut right after a {0}")
  @ValueSource(strings = {"-", "."})
  void aCutThatEndsOnADashOrDotDropsIt(String separator) {
    // 247 characters then the separator: "-spec" leaves room for 248, so the cut ends on the separator.
    PipelineRun run = run("a".repeat(247) + separator + "bcde");

    assertThat(SnapshotStore.configMapName(run)).isEqualTo("a".repeat(247) + "-spec");
    assertValid(NodeTableStore.chunkName(run("a".repeat(244) + separator + "bcdefgh"), 3), "-nodes-3");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"nightly", "nightly-etl-x7k2p"})
  void aShortRunNameIsKeptWhole(String name) {
    assertThat(SnapshotStore.configMapName(run(name))).isEqualTo(name + "-spec");
    assertThat(NodeTableStore.chunkName(run(name), 2)).isEqualTo(name + "-nodes-2");
  }

  private static void assertValid(String name, String suffix) {
    assertThat(name).hasSizeLessThanOrEqualTo(253).endsWith(suffix).matches(DNS_SUBDOMAIN);
  }

  private static PipelineRun run(String name) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace("ns").build());
    return run;
  }
}
