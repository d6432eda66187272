package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RerunOf;
import org.junit.jupiter.api.Test;

class RunSpecChecksTest {
  private static PipelineRunSpec byRef(String name) {
    PipelineRunSpec spec = new PipelineRunSpec();
    spec.setPipelineRef(new PipelineRef(name));
    return spec;
  }

  @Test
  void acceptsAPlainRun() {
    PipelineRunSpec spec = byRef("nightly-etl");
    spec.setServiceAccountName("etl");
    spec.setTimeout("8760h");
    assertThat(RunSpecChecks.pipelineProblems(spec)).isEmpty();
    assertThat(RunSpecChecks.settingProblems(spec)).isEmpty();
  }

  @Test
  void requiresExactlyOneOfPipelineRefAndPipelineSpec() {
    PipelineRunSpec both = byRef("etl");
    both.setPipelineSpec(new PipelineSpec());

    assertThat(RunSpecChecks.pipelineProblems(both))
        .containsExactly("spec: exactly one of pipelineRef and pipelineSpec must be set");
    assertThat(RunSpecChecks.pipelineProblems(new PipelineRunSpec()))
        .containsExactly("spec: exactly one of pipelineRef and pipelineSpec must be set");
  }

  @Test
  void rejectsAnEmptyOrMalformedPipelineNameBeforeItReachesTheClient() {
    assertThat(RunSpecChecks.pipelineProblems(byRef(""))).containsExactly("spec.pipelineRef.name: is required");
    assertThat(RunSpecChecks.pipelineProblems(byRef(null))).containsExactly("spec.pipelineRef.name: is required");
    assertThat(RunSpecChecks.pipelineProblems(byRef("../etl"))).singleElement().asString()
        .startsWith("spec.pipelineRef.name: \"../etl\" is not a valid pipeline name (a DNS-1123 subdomain");
  }

  @Test
  void checksServiceAccountTimeoutAndRerunOfWithTheirPaths() {
    PipelineRunSpec spec = byRef("etl");
    spec.setServiceAccountName("Bad_SA");
    spec.setTimeout("9000000000000h");
    RerunOf rerunOf = new RerunOf();
    rerunOf.setName("");
    spec.setRerunOf(rerunOf);

    assertThat(RunSpecChecks.settingProblems(spec)).satisfiesExactly(
        problem -> assertThat(problem).startsWith("spec.serviceAccountName: \"Bad_SA\" is not a valid service account"),
        problem -> assertThat(problem)
            .isEqualTo("spec.timeout: \"9000000000000h\" is longer than the maximum 8760h (one year)"),
        problem -> assertThat(problem).isEqualTo("spec.rerunOf.name: is required"));
  }
}
