package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.time.Instant;
import java.util.Map;

/** A page of a run's node table: attempts, durations, outputs and messages, with a link to each attempt's log. */
final class NodeTable {
  private NodeTable() {
  }

  static void render(String namespace, String run, Paging<NodeStatus> nodes, Instant now, StringBuilder html) {
    html.append("<table id=\"nodes\"><tr><th>Node</th><th>Phase</th><th>Attempt</th><th>Started</th>"
        + "<th>Duration</th><th>Exit</th><th>Reason</th><th>Message</th><th>Outputs</th><th>Log</th></tr>");
    for (NodeStatus node : nodes.items()) {
      String phase = node.getPhase() == null ? NodePhase.Pending.name() : node.getPhase().name();
      html.append("<tr data-node=\"").append(Html.escape(node.getName())).append("\"><td>")
          .append(node.getParent() == null ? "" : "&nbsp;&nbsp;↳ ").append(Html.escape(node.getName()))
          .append("</td><td>").append(Layout.badge(phase)).append("</td><td>")
          .append(node.getAttempt() == 0 ? "" : node.getAttempt())
          .append(node.getPlatformRetries() > 0 ? " (+" + node.getPlatformRetries() + " platform)" : "")
          .append("</td><td>").append(Html.escape(Format.time(node.getStartTime()))).append("</td><td>")
          .append(Html.escape(Format.duration(node.getStartTime(), node.getCompletionTime(), now))).append("</td><td>")
          .append(node.getExitCode() == null ? "" : node.getExitCode()).append("</td><td>")
          .append(Html.escape(node.getReason())).append("</td><td class=\"wrap\">")
          .append(Html.escape(node.getMessage())).append("</td><td class=\"wrap\">");
      for (Map.Entry<String, String> output : node.getOutputs().entrySet()) {
        html.append("<code>").append(Html.escape(output.getKey())).append('=').append(Html.escape(output.getValue()))
            .append("</code><br>");
      }
      html.append("</td><td>");
      if (node.getAttempt() > 0) {
        html.append(Layout.link(Layout.logHref(namespace, run, node.getName()), "log-link", "log"));
      }
      html.append("</td></tr>");
    }
    html.append("</table>");
    if (nodes.pages() > 1) {
      html.append("<p class=\"pager\">");
      String base = Layout.runHref(namespace, run) + "?nodePage=";
      if (nodes.hasPrevious()) {
        html.append("<a class=\"page-prev\" href=\"").append(base).append(nodes.page() - 1).append("\">previous</a>");
      }
      html.append("nodes page ").append(nodes.page()).append(" of ").append(nodes.pages()).append(" (")
          .append(nodes.total()).append(" entries) ");
      if (nodes.hasNext()) {
        html.append("<a class=\"page-next\" href=\"").append(base).append(nodes.page() + 1).append("\">next</a>");
      }
      html.append("</p>");
    }
  }
}
