package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.flowline.api.NodeParams;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamResolverTest {
  private final ParamResolver resolver = new ParamResolver();

  private static <T> List<T> listOf(T... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  private static ParamValue value(String name, String value) {
    return new ParamValue(name, value);
  }

  /** date (required date), mode (enum full|delta, default full), limit (integer, default 100), note (string). */
  private static PipelineSpec spec() {
    ParamSpec date = new ParamSpec("date", ParamType.DATE);
    date.setRequired(true);
    ParamSpec mode = new ParamSpec("mode", null);
    mode.setDefaultValue("full");
    mode.setAllowedValues(listOf("full", "delta"));
    ParamSpec limit = new ParamSpec("limit", ParamType.INTEGER);
    limit.setDefaultValue("100");
    ParamSpec note = new ParamSpec("note", null);

    ParamSpec batchSize = new ParamSpec("batchSize", ParamType.INTEGER);
    batchSize.setDefaultValue("500");
    ParamSpec table = new ParamSpec("table", null);
    table.setRequired(true);
    NodeSpec extract = node("extract");
    extract.setParams(listOf(batchSize));
    NodeSpec load = node("load", "extract");
    load.setParams(listOf(table));

    PipelineSpec spec = new PipelineSpec();
    spec.setParams(listOf(date, mode, limit, note));
    spec.setNodes(listOf(extract, load, node("report", "load")));
    return spec;
  }

  private static List<NodeParams> loadTable() {
    return listOf(new NodeParams("load", listOf(value("table", "orders"))));
  }

  @Test
  void appliesRunValuesThenDefaultsThenEmptyInDeclarationOrder() {
    ResolvedParams resolved = resolver.resolve(spec(),
        listOf(value("limit", "7"), value("date", "2025-08-22")), loadTable());

    assertThat(resolved.ok()).isTrue();
    assertThat(resolved.problems()).isEmpty();
    assertThat(resolved.pipelineParams()).extracting(ParamValue::getName, ParamValue::getValue).containsExactly(
        org.assertj.core.groups.Tuple.tuple("date", "2025-08-22"),
        org.assertj.core.groups.Tuple.tuple("mode", "full"),
        org.assertj.core.groups.Tuple.tuple("limit", "7"),
        org.assertj.core.groups.Tuple.tuple("note", ""));
  }

  @Test
  void resolvesNodeParamsOnlyForNodesThatDeclareThem() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")),
        listOf(new NodeParams("extract", listOf(value("batchSize", "1000"))),
            new NodeParams("load", listOf(value("table", "orders")))));

    assertThat(resolved.ok()).isTrue();
    assertThat(resolved.nodeParams()).containsOnlyKeys("extract", "load");
    assertThat(resolved.nodeParams().get("extract")).containsExactly(entry("batchSize", "1000"));
    assertThat(resolved.nodeParams().get("load")).containsExactly(entry("table", "orders"));
  }

  @Test
  void usesNodeParamDefaultsWhenTheRunGivesNone() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")), loadTable());
    assertThat(resolved.nodeParams().get("extract")).containsExactly(entry("batchSize", "500"));
  }

  @Test
  void reportsValuesThatDoNotFitTypeOrEnum() {
    ResolvedParams resolved = resolver.resolve(spec(),
        listOf(value("date", "2025-02-30"), value("mode", "weird"), value("limit", "x")), loadTable());

    assertThat(resolved.ok()).isFalse();
    assertThat(resolved.problems()).containsExactly(
        "spec.params.date: \"2025-02-30\" is not a date (use YYYY-MM-DD, a real calendar day)",
        "spec.params.mode: \"weird\" is not one of [full, delta]",
        "spec.params.limit: \"x\" is not an integer");
  }

  @Test
  void reportsUnknownDuplicateAndMissingParams() {
    ResolvedParams resolved = resolver.resolve(spec(),
        listOf(value("mode", "delta"), value("foo", "1"), value("mode", "full"), value(null, "x"), null,
            value("no such", "1")),
        loadTable());

    assertThat(resolved.problems()).containsExactly(
        "spec.params.foo: unknown param \"foo\"",
        "spec.params.mode: given more than once",
        "spec.params[3].name: is required",
        "spec.params[4]: is empty",
        "spec.params[5].name: unknown param \"no such\"",
        "spec.params.date: required param is missing");
    assertThat(resolved.pipelineParams()).extracting(ParamValue::getValue).containsExactly("", "delta", "100", "");
  }

  @Test
  void matchesRunParamsAgainstPipelineParamsOnly() {
    ResolvedParams resolved = resolver.resolve(spec(),
        listOf(value("date", "2025-08-22"), value("batchSize", "1")), loadTable());
    assertThat(resolved.problems()).containsExactly("spec.params.batchSize: unknown param \"batchSize\"");
  }

  @Test
  void matchesNodeParamsAgainstThatNodesParamsOnly() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")), listOf(
        new NodeParams("extract", listOf(value("date", "2025-08-23"), value("table", "x"), value("batchSize", "1.5"))),
        new NodeParams("load", listOf(value("table", "orders"))),
        new NodeParams("report", listOf(value("foo", "1"))),
        new NodeParams("ghost", listOf(value("x", "1"))),
        new NodeParams("extract", listOf()),
        new NodeParams(null, null)));

    assertThat(resolved.problems()).containsExactly(
        "spec.nodeParams.extract.date: node \"extract\" has no param \"date\"",
        "spec.nodeParams.extract.table: node \"extract\" has no param \"table\"",
        "spec.nodeParams.extract.batchSize: \"1.5\" is not an integer",
        "spec.nodeParams.report.foo: node \"report\" has no param \"foo\"",
        "spec.nodeParams[3].node: unknown node \"ghost\"",
        "spec.nodeParams[4].node: duplicate entry for node \"extract\"",
        "spec.nodeParams[5].node: is required");
  }

  @Test
  void reportsAMissingRequiredNodeParam() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")), null);
    assertThat(resolved.problems())
        .containsExactly("spec.nodeParams.load.table: required param is missing");
    assertThat(resolved.nodeParams().get("load")).containsExactly(entry("table", ""));
  }

  @Test
  void acceptsAnEmptyValueForARequiredStringParam() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")),
        listOf(new NodeParams("load", listOf(value("table", null)))));
    assertThat(resolved.ok()).isTrue();
    assertThat(resolved.nodeParams().get("load")).containsExactly(entry("table", ""));
  }

  @Test
  void toleratesANullSpecAndNullLists() {
    ResolvedParams resolved = resolver.resolve(null, null, null);
    assertThat(resolved.ok()).isTrue();
    assertThat(resolved.pipelineParams()).isEmpty();
    assertThat(resolved.nodeParams()).isEmpty();

    PipelineSpec spec = spec();
    spec.getParams().add(null);
    spec.getNodes().add(null);
    assertThat(resolver.resolve(spec, listOf(value("date", "2025-08-22")), loadTable()).ok()).isTrue();
  }

  @Test
  void keepsTheResultImmutable() {
    ResolvedParams resolved = resolver.resolve(spec(), listOf(value("date", "2025-08-22")), loadTable());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolved.nodeParams().get("load").put("x", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> resolved.pipelineParams().clear())
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
