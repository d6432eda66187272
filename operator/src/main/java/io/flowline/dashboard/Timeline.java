package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * The node attempts on a time axis, one bar per node from the start to the end of its newest attempt (status keeps
 * only that one; its attempt number is in the bar's label), in the order they started.
 */
final class Timeline {
  /** Bars drawn at most; a larger run's timeline says how many it left out. */
  static final int MAX_BARS = 300;
  private static final int WIDTH = 900;
  private static final int LABEL_WIDTH = 220;
  private static final int ROW = 16;

  private Timeline() {
  }

  static String render(List<NodeStatus> table, Instant now) {
    List<NodeStatus> started = table.stream().filter(n -> Format.parse(n.getStartTime()) != null)
        .sorted(Comparator.comparing((NodeStatus n) -> Format.parse(n.getStartTime())).thenComparing(NodeStatus::getName))
        .toList();
    if (started.isEmpty()) {
      return "<p class=\"muted\">No attempt started yet.</p><svg class=\"timeline\" width=\"0\" height=\"0\"></svg>";
    }
    List<NodeStatus> bars = started.subList(0, Math.min(MAX_BARS, started.size()));
    Instant from = Format.parse(bars.get(0).getStartTime());
    Instant to = bars.stream().map(n -> end(n, now)).max(Comparator.naturalOrder()).orElse(now);
    double span = Math.max(1, Duration.between(from, to).toMillis());
    double scale = (WIDTH - LABEL_WIDTH - 10) / span;
    StringBuilder svg = new StringBuilder("<svg class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"")
        .append(bars.size() * ROW + 4).append("\" role=\"img\">");
    for (int i = 0; i < bars.size(); i++) {
      NodeStatus node = bars.get(i);
      Instant start = Format.parse(node.getStartTime());
      double x = LABEL_WIDTH + Duration.between(from, start).toMillis() * scale;
      double width = Math.max(2, Duration.between(start, end(node, now)).toMillis() * scale);
      String phase = node.getPhase() == null ? NodePhase.Pending.name() : node.getPhase().name();
      String label = node.getName() + (node.getAttempt() > 1 ? " #" + node.getAttempt() : "");
      svg.append("<g class=\"phase-").append(Html.escape(phase)).append("\"><text x=\"0\" y=\"").append(i * ROW + 12)
          .append("\" font-size=\"11\">").append(Html.escape(label.length() > 34 ? label.substring(0, 33) + "…" : label))
          .append("</text><rect x=\"").append(String.format(java.util.Locale.ROOT, "%.1f", x)).append("\" y=\"")
          .append(i * ROW + 2).append("\" width=\"").append(String.format(java.util.Locale.ROOT, "%.1f", width))
          .append("\" height=\"").append(ROW - 4).append("\"><title>").append(Html.escape(label + ": " + phase + ", "
              + Format.duration(node.getStartTime(), node.getCompletionTime(), now))).append("</title></rect></g>");
    }
    svg.append("</svg>");
    if (started.size() > bars.size()) {
      svg.append("<p class=\"muted\">The first ").append(MAX_BARS).append(" of ").append(started.size())
          .append(" attempts.</p>");
    }
    return svg.toString();
  }

  private static Instant end(NodeStatus node, Instant now) {
    Instant end = Format.parse(node.getCompletionTime());
    return end == null ? now : end;
  }
}
