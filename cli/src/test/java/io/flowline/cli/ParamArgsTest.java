package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowline.api.NodeParams;
import io.flowline.api.ParamValue;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParamArgsTest {
  private static List<String> pairs(List<ParamValue> values) {
    return values.stream().map(p -> p.getName() + "|" + p.getValue()).toList();
  }

  @Test
  void onlyTheFirstEqualsSignSeparatesNameFromValue() {
    assertThat(pairs(ParamArgs.params(List.of("a=b=c", "empty=", "url=http://x/?q=1"))))
        .containsExactly("a|b=c", "empty|", "url|http://x/?q=1");
  }

  @Test
  void repeatsAreKeptSoTheOperatorsCheckReportsThem() {
    assertThat(pairs(ParamArgs.params(List.of("a=1", "a=2")))).containsExactly("a|1", "a|2");
  }

  @Test
  void aParamNeedsANameAndAnEqualsSign() {
    assertThatThrownBy(() -> ParamArgs.params(List.of("=x"))).hasMessage("-p =x: expected NAME=VALUE");
    assertThatThrownBy(() -> ParamArgs.params(List.of("x"))).hasMessage("-p x: expected NAME=VALUE");
  }

  @Test
  void nodeParamsSplitAtTheFirstDotAndGroupByNode() {
    List<NodeParams> nodes = ParamArgs.nodeParams(List.of("extract.batch=5", "load.table=a.b=c", "extract.x=1"));
    assertThat(nodes).extracting(NodeParams::getNode).containsExactly("extract", "load");
    assertThat(pairs(nodes.get(0).getParams())).containsExactly("batch|5", "x|1");
    assertThat(pairs(nodes.get(1).getParams())).containsExactly("table|a.b=c");
    assertThatThrownBy(() -> ParamArgs.nodeParams(List.of("extract.=5")))
        .hasMessage("--node-param extract.=5: expected NODE.NAME=VALUE");
    assertThatThrownBy(() -> ParamArgs.nodeParams(List.of(".a=5"))).isInstanceOf(CliException.class);
  }

  @Test
  void overridesReplaceByNameAndAppendNewOnes() {
    List<ParamValue> merged = ParamArgs.merged(List.of(new ParamValue("a", "1"), new ParamValue("b", "2")),
        List.of(new ParamValue("b", "3"), new ParamValue("c", "4")));
    assertThat(pairs(merged)).containsExactly("a|1", "b|3", "c|4");
    List<NodeParams> nodes = ParamArgs.mergedNodes(
        List.of(new NodeParams("x", List.of(new ParamValue("p", "1")))),
        List.of(new NodeParams("x", List.of(new ParamValue("p", "2"))),
            new NodeParams("y", List.of(new ParamValue("q", "3")))));
    assertThat(nodes).extracting(NodeParams::getNode).containsExactly("x", "y");
    assertThat(pairs(nodes.get(0).getParams())).containsExactly("p|2");
  }
}
