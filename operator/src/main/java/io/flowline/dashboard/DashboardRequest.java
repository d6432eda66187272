package io.flowline.dashboard;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as the pages read it, free of the HTTP server's types.
 *
 * @param query the query string's parameters (the first value of each)
 * @param form a POST's form fields (the first value of each)
 * @param user the auth proxy's X-Forwarded-User; empty without the header
 * @param groups the auth proxy's X-Forwarded-Groups, split at commas
 */
public record DashboardRequest(String method, String path, Map<String, String> query, Map<String, String> form,
    Optional<String> user, List<String> groups) {
  public DashboardRequest {
    query = Map.copyOf(query);
    form = Map.copyOf(form);
    groups = List.copyOf(groups);
  }

  public static DashboardRequest get(String path, Map<String, String> query) {
    return new DashboardRequest("GET", path, query, Map.of(), Optional.empty(), List.of());
  }

  public String param(String name) {
    String value = query.get(name);
    return value == null ? "" : value.trim();
  }

  /** A 1-based page number from the query; 1 when absent or not a positive number. */
  public int page(String name) {
    try {
      return Math.max(1, Integer.parseInt(param(name)));
    } catch (NumberFormatException e) {
      return 1;
    }
  }
}
