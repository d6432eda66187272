package io.flowline.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server said, in one line, without the client's request dump. */
final class ApiErrorText {
  private ApiErrorText() {
  }

  static String of(KubernetesClientException e) {
    return of(e, null);
  }

  /** @param server the API server's URL, for a connection failure; null when unknown */
  static String of(KubernetesClientException e, String server) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
    }
    // The deepest cause that says something ("Connection refused"), else the causes' kinds: the client's own text
    // only names the request.
    String detail = null;
    java.util.List<String> kinds = new java.util.ArrayList<>();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      kinds.add(cause.getClass().getSimpleName());
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        detail = cause.getMessage();
      }
    }
    if (detail == null) {
      detail = kinds.isEmpty() ? e.getMessage() : "connection failed (" + String.join(": ", kinds) + ")";
    }
    return "cannot reach the Kubernetes API" + (server == null ? "" : " at " + server) + ": " + detail;
  }
}
