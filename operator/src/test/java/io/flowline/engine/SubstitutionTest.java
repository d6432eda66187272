package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionTest {
  private static final Map<String, String> VALUES = Map.of(
      "params.date", "2025-08-22",
      "params.mode", "full",
      "nodes.extract.outputs.rows", "42",
      "node.attempt", "2");

  @Test
  void replacesKnownReferences() {
    assertThat(Substitution.apply("day $(params.date) mode=$(params.mode)", VALUES))
        .isEqualTo("day 2025-08-22 mode=full");
    assertThat(Substitution.apply("$(nodes.extract.outputs.rows)$(node.attempt)", VALUES)).isEqualTo("422");
  }

  @Test
  void leavesOtherReferencesForTheKubelet() {
    assertThat(Substitution.apply("$(HOME)/x $(params.unknown) $(params.date)", VALUES))
        .isEqualTo("$(HOME)/x $(params.unknown) 2025-08-22");
  }

  @Test
  void neverTouchesEscapedReferences() {
    assertThat(Substitution.apply("$$(params.date) and $$(HOME)", VALUES)).isEqualTo("$$(params.date) and $$(HOME)");
  }

  @Test
  void treatsDollarPairsLikeTheKubeletDoes() {
    // "$$$(x)" is an escaped dollar followed by a reference.
    assertThat(Substitution.apply("$$$(params.mode)", VALUES)).isEqualTo("$$full");
    assertThat(Substitution.apply("$$$$(params.mode)", VALUES)).isEqualTo("$$$$(params.mode)");
    assertThat(Substitution.apply("cost: $5 $(params.mode)$", VALUES)).isEqualTo("cost: $5 full$");
  }

  @Test
  void substitutesInsideShellCommandSubstitution() {
    assertThat(Substitution.apply("x=$(cat $(params.mode).txt) $(date +%s)", VALUES))
        .isEqualTo("x=$(cat full.txt) $(date +%s)");
  }

  @Test
  void insertsValuesRawWithoutScanningThemAgain() {
    Map<String, String> values = Map.of("params.a", "$(params.b)", "params.b", "B");
    assertThat(Substitution.apply("$(params.a)", values)).isEqualTo("$(params.b)");
  }

  @Test
  void keepsUnclosedReferencesAsWritten() {
    assertThat(Substitution.apply("a $(params.date", VALUES)).isEqualTo("a $(params.date");
    assertThat(Substitution.apply("$", VALUES)).isEqualTo("$");
    assertThat(Substitution.apply("$(", VALUES)).isEqualTo("$(");
  }

  @Test
  void returnsNullForNullTemplateAndTheTemplateForNoValues() {
    assertThat(Substitution.apply(null, VALUES)).isNull();
    assertThat(Substitution.apply("$(params.date)", Map.of())).isEqualTo("$(params.date)");
    assertThat(Substitution.apply("$(params.date)", null)).isEqualTo("$(params.date)");
  }

  @Test
  void listsOnlyFlowlineReferencesInOrder() {
    assertThat(Substitution.references(
        "$(nodes.a.outputs.x) $(HOME) $(params.p) $$(params.escaped) $(run.name) $(pipeline.name) "
            + "$(node.attempt) $(params.p) $(nodesx) $(paramsy)"))
        .containsExactly("nodes.a.outputs.x", "params.p", "run.name", "pipeline.name", "node.attempt", "params.p");
  }

  @Test
  void listsReferencesNestedInShellCommandSubstitution() {
    assertThat(Substitution.references("$(cat $(params.file)) $(echo $(run.uid))"))
        .containsExactly("params.file", "run.uid");
  }

  @Test
  void listsMalformedFlowlineReferencesSoTheValidatorCanReportThem() {
    assertThat(Substitution.references("$(params.) $(nodes.a) $(run.foo bar)"))
        .containsExactly("params.", "nodes.a", "run.foo bar");
  }

  @Test
  void listsNothingForNullOrPlainText() {
    assertThat(Substitution.references(null)).isEmpty();
    assertThat(Substitution.references("echo hello")).isEmpty();
  }

  @Test
  void handlesLongTemplatesWithManyOpenings() {
    String template = "$(".repeat(50_000) + "$(params.date)" + ")".repeat(3);
    assertThat(Substitution.references(template)).containsExactly("params.date");
    String expected = "$(".repeat(50_000) + "2025-08-22)))";
    assertThat(Substitution.apply(template, VALUES).equals(expected)).isTrue();
  }

  @Test
  void escapesInsertedValuesForTheKubeletSoTheContainerSeesThemRaw() {
    Map<String, String> values = Map.of("params.p", "a$$b$(FOO)c", "nodes.x.outputs.o", "$(HOME)");
    Map<String, String> containerEnv = Map.of("FOO", "foo", "HOME", "/root");

    String template = "p=$(params.p) o=$(nodes.x.outputs.o)";
    String forKubelet = Substitution.applyForKubelet(template, values);

    assertThat(forKubelet).isEqualTo("p=a$$$$b$$(FOO)c o=$$(HOME)");
    assertThat(KubeletExpansion.expand(forKubelet, containerEnv)).isEqualTo("p=a$$b$(FOO)c o=$(HOME)");
  }

  @Test
  void leavesTheUsersOwnTextForTheKubeletWhenEscapingValues() {
    String forKubelet = Substitution.applyForKubelet("$(HOME) $$(params.mode) $(params.mode) $5", VALUES);

    assertThat(forKubelet).isEqualTo("$(HOME) $$(params.mode) full $5");
    assertThat(KubeletExpansion.expand(forKubelet, Map.of("HOME", "/root"))).isEqualTo("/root $(params.mode) full $5");
  }
}
