package io.flowline.dashboard;

/** The frame of every page: title, navigation, stylesheet and script. */
final class Layout {
  private Layout() {
  }

  /** @param body HTML already escaped where it holds user strings */
  static String page(String title, String body) {
    return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + Html.escape(title) + " · Flowline</title>"
        + "<link rel=\"stylesheet\" href=\"/static/dashboard.css\"></head><body>"
        + "<header><a class=\"brand\" href=\"/\">Flowline</a><a href=\"/\">Pipelines</a></header>"
        + "<main>" + body + "</main><script src=\"/static/dashboard.js\"></script></body></html>";
  }

  static String badge(String phase) {
    return "<span class=\"badge phase-" + Html.escape(phase) + "\">" + Html.escape(phase) + "</span>";
  }

  static String link(String href, String cssClass, String text) {
    return "<a class=\"" + cssClass + "\" href=\"" + Html.escape(href) + "\">" + Html.escape(text) + "</a>";
  }

  /** A path segment as it goes into a link; Kubernetes names need no encoding, but node and query text may. */
  static String encode(String text) {
    return java.net.URLEncoder.encode(text == null ? "" : text, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  static String pipelineHref(String namespace, String name) {
    return "/ns/" + encode(namespace) + "/pipelines/" + encode(name);
  }

  static String runHref(String namespace, String name) {
    return "/ns/" + encode(namespace) + "/runs/" + encode(name);
  }

  static String runsHref(String namespace) {
    return "/ns/" + encode(namespace) + "/runs";
  }

  static String logHref(String namespace, String run, String node) {
    return runHref(namespace, run) + "/nodes/" + encode(node) + "/logs";
  }
}
