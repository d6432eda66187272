package io.flowline.dashboard;

/** {@code .../nodes/{node}/logs}: the page that follows one attempt's log, fed by {@code .../logs/stream}. */
final class LogPage {
  private LogPage() {
  }

  static String render(String namespace, String run, String node, int attempt, int newestAttempt) {
    String stream = Layout.logHref(namespace, run, node) + "/stream?attempt=" + attempt;
    StringBuilder html = new StringBuilder("<h1>Log of ").append(Html.escape(node)).append(" <span class=\"muted\">")
        .append("attempt ").append(attempt).append(" of run ")
        .append(Layout.link(Layout.runHref(namespace, run), "run-link", run)).append("</span></h1><p>");
    for (int other = 1; other <= newestAttempt; other++) {
      html.append(other == attempt ? "<b>attempt " + other + "</b> "
          : Layout.link(Layout.logHref(namespace, run, node) + "?attempt=" + other, "attempt-link",
              "attempt " + other) + " ");
    }
    html.append("</p><p id=\"log-status\" class=\"muted\">connecting</p><pre id=\"log\" data-stream=\"")
        .append(Html.escape(stream)).append("\"></pre>");
    return Layout.page(node + " log", html.toString());
  }
}
