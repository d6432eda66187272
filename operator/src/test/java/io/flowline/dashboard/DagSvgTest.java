package io.flowline.dashboard;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeSpec;
import io.flowline.engine.Dag;
import io.flowline.engine.DagLayout;
import io.flowline.engine.Nodes;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DagSvgTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String IMG = "\"><img src=x onerror=alert(1)>";

  // extract -> (clean, count) -> load
  private final DagLayout diamond = layout(
      node("extract"), node("clean", "extract"), node("count", "extract"), node("load", "clean", "count"));

  @Test
  void drawsOneGroupPerNodeWithItsPhaseAndName() throws Exception {
    Map<String, NodeView> views = Map.of(
        "extract", NodeView.of("Succeeded"),
        "clean", NodeView.of("Running"),
        "count", new NodeView("Failed", "3/5", null));

    String svg = DagSvg.render(diamond, views::get);

    assertThat(count(svg, "<g class=\"node ")).isEqualTo(4);
    assertThat(svg).startsWith("<svg class=\"dag\" ")
        .contains("<g class=\"node phase-Succeeded\" data-node=\"extract\">")
        .contains("<g class=\"node phase-Running\" data-node=\"clean\">")
        .contains("<g class=\"node phase-Failed\" data-node=\"count\">")
        .contains("<g class=\"node phase-Pending\" data-node=\"load\">")
        .contains(">3/5</text>");
    Document document = parse(svg);
    NodeList groups = document.getElementsByTagName("g");
    List<String> names = new ArrayList<>();
    for (int i = 0; i < groups.getLength(); i++) {
      Element group = (Element) groups.item(i);
      if (group.getAttribute("class").startsWith("node ")) {
        Element name = (Element) group.getElementsByTagName("text").item(0);
        assertThat(name.getTextContent()).isEqualTo(group.getAttribute("data-node"));
        names.add(group.getAttribute("data-node"));
      }
    }
    assertThat(names).containsExactlyInAnyOrder("extract", "clean", "count", "load");
  }

  @Test
  void drawsOneEdgePerDependency() {
    String svg = DagSvg.render(diamond, node -> null);

    assertThat(count(svg, "<path class=\"edge\"")).isEqualTo(4);
    assertThat(svg).contains("data-from=\"extract\" data-to=\"clean\"")
        .contains("data-from=\"extract\" data-to=\"count\"")
        .contains("data-from=\"clean\" data-to=\"load\"")
        .contains("data-from=\"count\" data-to=\"load\"");
  }

  @Test
  void layersAreColumnsAndEdgesRunFromTheRightSideOfTheSourceToTheLeftOfTheTarget() {
    String svg = DagSvg.render(layout(node("a"), node("b", "a")), node -> null);

    int width = 2 * DagSvg.MARGIN + 2 * DagSvg.BOX_WIDTH + DagSvg.COLUMN_GAP;
    int height = 2 * DagSvg.MARGIN + DagSvg.BOX_HEIGHT;
    assertThat(svg).contains("viewBox=\"0 0 " + width + " " + height + "\"")
        .contains("<rect x=\"8\" y=\"8\" ")
        .contains("<rect x=\"228\" y=\"8\" ")
        .contains(" d=\"M168,26 C198,26 198,26 228,26\"");
  }

  @Test
  void shorterColumnsAreCentred() {
    // a alone in the first column, b and c in the second: a sits between them
    String svg = DagSvg.render(layout(node("a"), node("b", "a"), node("c", "a")), node -> null);

    int step = DagSvg.BOX_HEIGHT + DagSvg.ROW_GAP;
    assertThat(svg).contains("<rect x=\"8\" y=\"" + (8 + step / 2) + "\" ")
        .contains("<rect x=\"228\" y=\"8\" ")
        .contains("<rect x=\"228\" y=\"" + (8 + step) + "\" ");
  }

  @Test
  void namesLabelsAndLinksAppearOnlyEscaped() throws Exception {
    String quoted = "it's&<b>";
    DagLayout layout = layout(node(SCRIPT), node(quoted, SCRIPT), node("plain", quoted));
    Map<String, NodeView> views = Map.of(
        SCRIPT, new NodeView("Succeeded", IMG, "/ns/a/runs/r/nodes/" + IMG),
        quoted, new NodeView("Running", SCRIPT, null),
        "plain", new NodeView("Failed\" onmouseover=\"alert(1)", null, "javascript:alert(1)"));

    String svg = DagSvg.render(layout, views::get);

    assertThat(svg).doesNotContain(SCRIPT).doesNotContain(IMG).doesNotContain("<img")
        .doesNotContain("javascript:").doesNotContain("onmouseover=\"")
        .doesNotContain(quoted)
        .contains("data-node=\"&lt;script&gt;alert(1)&lt;/script&gt;\"")
        .contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>")
        .contains(">&quot;&gt;&lt;img src=x onerror=aler&#8230;</text>") // the label, cut to fit
        .contains("<a href=\"/ns/a/runs/r/nodes/&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\">")
        .contains("data-node=\"it&#39;s&amp;&lt;b&gt;\"")
        .contains("<g class=\"node phase-Pending\" data-node=\"plain\">");
    Document document = parse(svg); // escaped well enough to stay well-formed XML
    assertThat(document.getElementsByTagName("a").getLength()).isEqualTo(1);
    assertThat(document.getElementsByTagName("img").getLength()).isZero();
    assertThat(document.getElementsByTagName("script").getLength()).isZero();
  }

  @Test
  void longNamesAreCutInTheBoxButKeptWholeInTheTitle() {
    String name = "a-very-long-node-name-that-does-not-fit";
    String svg = DagSvg.render(layout(node(name)), node -> null);

    assertThat(svg).contains("<title>" + name + "</title>")
        .contains(">" + name.substring(0, DagSvg.NAME_CHARACTERS - 1) + "&#8230;</text>")
        .contains("data-node=\"" + name + "\"");
  }

  @Test
  void aDrawingOfFiveHundredNodesIsStillSvg() {
    String html = DagView.render(layout(Nodes.chain(DagSvg.MAX_DRAWN_NODES)), node -> null);

    assertThat(html).startsWith("<svg class=\"dag\"");
    assertThat(count(html, "<g class=\"node ")).isEqualTo(DagSvg.MAX_DRAWN_NODES);
  }

  @Test
  void moreThanFiveHundredNodesGiveAFoldedListWithCountsPerPhase() {
    DagLayout layout = layout(Nodes.wide(600)); // root, 598 middle nodes, sink
    Map<String, NodeView> views = new HashMap<>();
    for (int i = 1; i <= 598; i++) {
      views.put("m" + i, NodeView.of(i <= 590 ? "Succeeded" : i <= 597 ? "Failed" : "Running"));
    }
    views.put("root", new NodeView("Succeeded", "done", "/ns/a/runs/r/nodes/root/logs"));

    String html = DagView.render(layout, views::get);

    assertThat(html).doesNotContain("<svg");
    // NodePhase order; only phases that occur
    assertThat(html).contains("<ul class=\"phase-counts\">"
        + "<li class=\"phase-Pending\">Pending: 1</li>"
        + "<li class=\"phase-Running\">Running: 1</li>"
        + "<li class=\"phase-Succeeded\">Succeeded: 591</li>"
        + "<li class=\"phase-Failed\">Failed: 7</li></ul>");
    assertThat(count(html, "<span class=\"node ")).isEqualTo(600);
    assertThat(count(html, "<li class=\"layer\"")).isEqualTo(3);
    assertThat(html).contains("<ol class=\"dag-folded\"><li class=\"layer\" data-layer=\"1\">Layer 1")
        .contains("<a href=\"/ns/a/runs/r/nodes/root/logs\"><span class=\"node phase-Succeeded\""
            + " data-node=\"root\">root</span></a> <span class=\"node-label\">done</span>")
        .contains("<span class=\"node phase-Failed\" data-node=\"m597\">m597</span>")
        .contains("<span class=\"node phase-Pending\" data-node=\"sink\">sink</span>");
  }

  @Test
  void theFoldedListEscapesToo() {
    List<NodeSpec> nodes = Nodes.wide(DagSvg.MAX_DRAWN_NODES + 1);
    nodes.add(node(SCRIPT, "root"));
    Function<String, NodeView> views = node -> new NodeView("Succeeded", IMG, "/x/" + IMG);

    String html = DagView.render(layout(nodes), views);

    assertThat(html).doesNotContain(SCRIPT).doesNotContain(IMG).doesNotContain("<img")
        .contains(">&lt;script&gt;alert(1)&lt;/script&gt;</span>")
        .contains("<span class=\"node-label\">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</span>");
  }

  @Test
  void sameInputGivesTheSameBytes() {
    Function<String, NodeView> views = node -> node.hashCode() % 2 == 0
        ? NodeView.of("Succeeded") : new NodeView("Running", "1/2", "/n/" + node);

    String first = DagView.render(layout(Nodes.wide(40)), views);
    String second = DagView.render(layout(Nodes.wide(40)), views);
    String firstList = DagView.render(layout(Nodes.wide(700)), views);
    String secondList = DagView.render(layout(Nodes.wide(700)), views);

    assertThat(second).isEqualTo(first);
    assertThat(secondList).isEqualTo(firstList);
  }

  @Test
  void htmlEscapeCoversTheFiveCharactersAndNull() {
    assertThat(Html.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
    assertThat(Html.escape("plain")).isEqualTo("plain");
    assertThat(Html.escape(null)).isEmpty();
  }

  private static DagLayout layout(NodeSpec... nodes) {
    return DagLayout.of(Dag.of(Arrays.asList(nodes)));
  }

  private static DagLayout layout(List<NodeSpec> nodes) {
    return DagLayout.of(Dag.of(nodes));
  }

  private static int count(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }
}
