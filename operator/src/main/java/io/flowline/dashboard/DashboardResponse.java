package io.flowline.dashboard;

import java.util.Map;

/** A page, a JSON document or a redirect, free of the HTTP server's types. */
public record DashboardResponse(int status, String contentType, String body, Map<String, String> headers) {
  static final String HTML = "text/html; charset=utf-8";
  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  public DashboardResponse {
    headers = Map.copyOf(headers);
  }

  static DashboardResponse html(String body) {
    return new DashboardResponse(200, HTML, body, Map.of());
  }

  static DashboardResponse html(int status, String body) {
    return new DashboardResponse(status, HTML, body, Map.of());
  }

  static DashboardResponse json(String body) {
    return new DashboardResponse(200, JSON, body, Map.of());
  }

  static DashboardResponse jsonError(int status, String message) {
    return new DashboardResponse(status, JSON, "{\"error\":" + JsonText.quote(message) + "}", Map.of());
  }

  /** 303: after a POST the browser GETs {@code location}, so a reload does not repeat the action. */
  static DashboardResponse seeOther(String location) {
    return new DashboardResponse(303, TEXT, "", Map.of("Location", location));
  }

  static DashboardResponse notFound(String what) {
    return html(404, Layout.page("Not found", "<h1>Not found</h1><p>" + Html.escape(what) + "</p>"));
  }
}
