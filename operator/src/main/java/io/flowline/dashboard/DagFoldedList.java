package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.engine.DagLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A DAG too big to draw ({@link DagSvg#MAX_DRAWN_NODES}) as text: first the number of nodes per phase
 * ({@code ul.phase-counts}, phases in NodePhase order, then any others by name, only phases that occur),
 * then the nodes layer by layer ({@code ol.dag-folded}, one {@code li.layer} per layer, numbered from 1
 * in its text and {@code data-layer}), each node a {@code span.node.phase-<Phase>[data-node]} holding its
 * name, linked when it has a link, followed by its label. Every string is escaped.
 */
public final class DagFoldedList {
  private DagFoldedList() {
  }

  public static String render(DagLayout layout, Function<String, NodeView> views) {
    List<List<String>> layers = layout.layers();
    List<List<NodeView>> viewsByLayer = new ArrayList<>(layers.size());
    Map<String, Integer> counts = new TreeMap<>(DagFoldedList::byPhaseOrder);
    for (List<String> layer : layers) {
      List<NodeView> layerViews = new ArrayList<>(layer.size());
      for (String node : layer) {
        NodeView view = NodeView.lookUp(views, node);
        layerViews.add(view);
        counts.merge(view.phaseName(), 1, Integer::sum);
      }
      viewsByLayer.add(layerViews);
    }
    StringBuilder html = new StringBuilder(256 + 160 * layout.size());
    html.append("<div class=\"dag-list\"><ul class=\"phase-counts\">");
    counts.forEach((phase, count) -> html.append("<li class=\"phase-").append(phase).append("\">")
        .append(phase).append(": ").append(count).append("</li>"));
    html.append("</ul><ol class=\"dag-folded\">");
    for (int l = 0; l < layers.size(); l++) {
      html.append("<li class=\"layer\" data-layer=\"").append(l + 1).append("\">Layer ").append(l + 1)
          .append("<ul class=\"layer-nodes\">");
      for (int p = 0; p < layers.get(l).size(); p++) {
        appendNode(html, layers.get(l).get(p), viewsByLayer.get(l).get(p));
      }
      html.append("</ul></li>");
    }
    return html.append("</ol></div>").toString();
  }

  private static void appendNode(StringBuilder html, String node, NodeView view) {
    String href = view.safeHref();
    html.append("<li>");
    if (href != null) {
      html.append("<a href=\"").append(Html.escape(href)).append("\">");
    }
    html.append("<span class=\"node phase-").append(view.phaseName()).append("\" data-node=\"")
        .append(Html.escape(node)).append("\">").append(Html.escape(node)).append("</span>");
    if (href != null) {
      html.append("</a>");
    }
    if (view.label() != null && !view.label().isEmpty()) {
      html.append(" <span class=\"node-label\">").append(Html.escape(view.label())).append("</span>");
    }
    html.append("</li>");
  }

  /** NodePhase names in their enum order first, any other phase after them by name. */
  private static int byPhaseOrder(String a, String b) {
    int rankA = rank(a);
    int rankB = rank(b);
    return rankA != rankB ? Integer.compare(rankA, rankB) : a.compareTo(b);
  }

  private static int rank(String phase) {
    for (NodePhase known : NodePhase.values()) {
      if (known.name().equals(phase)) {
        return known.ordinal();
      }
    }
    return NodePhase.values().length;
  }
}
