package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubstitutionValuesTest {

  @Test
  void keysEveryValueByItsExpression() {
    Map<String, String> values = SubstitutionValues.of(
        Map.of("date", "2025-08-22"),
        Map.of("extract", Map.of("rows", "42", "file.name", "a.csv")),
        "etl-x7k2p", "prod", "uid-1", "order-4711", "nightly-etl", "load", 3);

    assertThat(values).containsOnly(
        entry("params.date", "2025-08-22"),
        entry("nodes.extract.outputs.rows", "42"),
        entry("nodes.extract.outputs.file.name", "a.csv"),
        entry("run.name", "etl-x7k2p"),
        entry("run.namespace", "prod"),
        entry("run.uid", "uid-1"),
        entry("run.correlationId", "order-4711"),
        entry("pipeline.name", "nightly-etl"),
        entry("node.name", "load"),
        entry("node.attempt", "3"));
  }

  @Test
  void substitutesANullCorrelationIdAsEmpty() {
    Map<String, String> values = SubstitutionValues.of(Map.of(), Map.of(), "r", "ns", "u", null, "p", "n", 1);
    assertThat(values).containsEntry("run.correlationId", "");
    assertThat(Substitution.apply("id=[$(run.correlationId)]", values)).isEqualTo("id=[]");
  }

  @Test
  void toleratesNullMapsAndNullValues() {
    Map<String, String> params = new HashMap<>();
    params.put("p", null);
    Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
    outputs.put("skipped", null);
    outputs.put("failed", Map.of("rows", ""));

    Map<String, String> values = SubstitutionValues.of(params, outputs, null, null, null, null, null, null, 1);

    assertThat(values).containsEntry("params.p", "").containsEntry("nodes.failed.outputs.rows", "")
        .containsEntry("run.name", "").doesNotContainKey("nodes.skipped.outputs.rows");
    assertThat(SubstitutionValues.of(null, null, "r", "ns", "u", "c", "p", "n", 1)).hasSize(7);
  }

  @Test
  void producesValuesThatSubstituteAWholeCommand() {
    Map<String, String> values = SubstitutionValues.of(Map.of("mode", "delta"), Map.of("extract", Map.of("rows", "7")),
        "run-1", "ns", "u", "c", "pl", "load", 1);
    assertThat(Substitution.apply(
        "$(pipeline.name)/$(run.name)/$(node.name)#$(node.attempt): $(nodes.extract.outputs.rows) $(params.mode) $(HOME)",
        values)).isEqualTo("pl/run-1/load#1: 7 delta $(HOME)");
  }
}
