package io.flowline.dashboard;

import io.flowline.engine.DagLayout;
import java.util.List;
import java.util.function.Function;

/**
 * Draws a {@link DagLayout} as an inline SVG: layers are columns read left to right (as in Argo and
 * Airflow), each node a rounded box with its name and an optional second line, each dependency a curve
 * from the right side of the dependency's box to the left side of its dependent's. Columns are centred
 * vertically, as {@link DagLayout} assumes when it orders them.
 *
 * <p>The DOM follows the dashboard's contract: {@code svg.dag}, one
 * {@code g.node.phase-<Phase>[data-node=<name>]} per node (inside an {@code a} when the node has a link),
 * one {@code path.edge[data-from][data-to]} per dependency. A name too long for its box is cut with an
 * ellipsis; the {@code title} (a tooltip) and {@code data-node} keep it whole. Every string is escaped.
 * Colours come from the stylesheet; the presentation attributes here only keep a bare SVG readable.
 * Output depends only on the layout and the views, so the same input gives the same bytes.
 */
public final class DagSvg {
  /** Above this many nodes the dashboard shows {@link DagFoldedList} instead of a drawing. */
  public static final int MAX_DRAWN_NODES = 500;

  static final int BOX_WIDTH = 160;
  static final int BOX_HEIGHT = 36;
  static final int COLUMN_GAP = 60;
  static final int ROW_GAP = 16;
  static final int MARGIN = 8;
  /** Characters of a name that fit a box at the name's font size; longer names are cut. */
  static final int NAME_CHARACTERS = 22;
  static final int LABEL_CHARACTERS = 26;

  private DagSvg() {
  }

  /** The SVG element for the layout; a node the function gives no view for is drawn Pending. */
  public static String render(DagLayout layout, Function<String, NodeView> views) {
    List<List<String>> layers = layout.layers();
    int rows = 0;
    for (List<String> layer : layers) {
      rows = Math.max(rows, layer.size());
    }
    int width = 2 * MARGIN + span(layers.size(), BOX_WIDTH, COLUMN_GAP);
    int height = 2 * MARGIN + span(rows, BOX_HEIGHT, ROW_GAP);
    StringBuilder svg = new StringBuilder(512 + 400 * layout.size());
    svg.append("<svg class=\"dag\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\"")
        .append(" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">")
        .append("<defs><marker id=\"dag-arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\"")
        .append(" markerWidth=\"8\" markerHeight=\"8\" orient=\"auto\">")
        .append("<path d=\"M0,0 L8,4 L0,8 z\" fill=\"#888\"/></marker></defs>");
    svg.append("<g class=\"edges\">");
    for (DagLayout.Edge edge : layout.edges()) {
      appendEdge(svg, layout, rows, edge);
    }
    svg.append("</g><g class=\"nodes\">");
    for (List<String> layer : layers) {
      for (String node : layer) {
        appendNode(svg, layout, rows, node, NodeView.lookUp(views, node));
      }
    }
    return svg.append("</g></svg>").toString();
  }

  private static void appendEdge(StringBuilder svg, DagLayout layout, int rows, DagLayout.Edge edge) {
    int x1 = x(layout, edge.from()) + BOX_WIDTH;
    int y1 = y(layout, rows, edge.from()) + BOX_HEIGHT / 2;
    int x2 = x(layout, edge.to());
    int y2 = y(layout, rows, edge.to()) + BOX_HEIGHT / 2;
    int bend = COLUMN_GAP / 2;
    svg.append("<path class=\"edge\" data-from=\"").append(Html.escape(edge.from()))
        .append("\" data-to=\"").append(Html.escape(edge.to()))
        .append("\" d=\"M").append(x1).append(',').append(y1)
        .append(" C").append(x1 + bend).append(',').append(y1)
        .append(' ').append(x2 - bend).append(',').append(y2)
        .append(' ').append(x2).append(',').append(y2)
        .append("\" fill=\"none\" stroke=\"#888\" marker-end=\"url(#dag-arrow)\"/>");
  }

  private static void appendNode(StringBuilder svg, DagLayout layout, int rows, String node, NodeView view) {
    int x = x(layout, node);
    int y = y(layout, rows, node);
    String href = view.safeHref();
    if (href != null) {
      svg.append("<a href=\"").append(Html.escape(href)).append("\">");
    }
    svg.append("<g class=\"node phase-").append(view.phaseName())
        .append("\" data-node=\"").append(Html.escape(node)).append("\">")
        .append("<title>").append(Html.escape(node)).append("</title>")
        .append("<rect x=\"").append(x).append("\" y=\"").append(y)
        .append("\" width=\"").append(BOX_WIDTH).append("\" height=\"").append(BOX_HEIGHT)
        .append("\" rx=\"6\" fill=\"#eee\" stroke=\"#999\"/>");
    boolean labelled = view.label() != null && !view.label().isEmpty();
    svg.append("<text class=\"node-name\" x=\"").append(x + 8).append("\" y=\"")
        .append(y + (labelled ? 15 : 22)).append("\" font-size=\"12\" font-family=\"sans-serif\">")
        .append(shortened(node, NAME_CHARACTERS)).append("</text>");
    if (labelled) {
      svg.append("<text class=\"node-label\" x=\"").append(x + 8).append("\" y=\"").append(y + 29)
          .append("\" font-size=\"10\" font-family=\"sans-serif\">")
          .append(shortened(view.label(), LABEL_CHARACTERS)).append("</text>");
    }
    svg.append("</g>");
    if (href != null) {
      svg.append("</a>");
    }
  }

  private static int x(DagLayout layout, String node) {
    return MARGIN + layout.layerOf(node) * (BOX_WIDTH + COLUMN_GAP);
  }

  /** Top of the node's box; each column is centred on the tallest one. */
  private static int y(DagLayout layout, int rows, String node) {
    int inLayer = layout.layers().get(layout.layerOf(node)).size();
    int step = BOX_HEIGHT + ROW_GAP;
    return MARGIN + (rows - inLayer) * step / 2 + layout.positionOf(node) * step;
  }

  private static int span(int count, int size, int gap) {
    return count == 0 ? 0 : count * size + (count - 1) * gap;
  }

  /** The escaped text, cut to {@code max} characters (code points) with an ellipsis when longer. */
  static String shortened(String text, int max) {
    if (text.codePointCount(0, text.length()) <= max) {
      return Html.escape(text);
    }
    return Html.escape(text.substring(0, text.offsetByCodePoints(0, max - 1))) + "&#8230;";
  }
}
