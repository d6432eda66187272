package io.flowline.cli;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What the API server said, in one line, without the client's request dump. */
final class ApiErrorText {
  private ApiErrorText() {
  }

  static String of(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
    }
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String detail = cause == e ? e.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    return "cannot reach the Kubernetes API: " + detail;
  }
}
