package io.flowline.dashboard;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** What an action tells the user when the API server refused it or could not be reached. */
final class ApiAnswer {
  private ApiAnswer() {
  }

  /** The status the dashboard answers with: the API server's refusal as is, its failures as 503. */
  static int statusFor(KubernetesClientException e) {
    int code = e.getCode();
    return switch (code) {
      case 403, 404, 409, 422 -> code;
      default -> 503;
    };
  }

  static String describe(KubernetesClientException e) {
    String message = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage()
        : e.getMessage();
    return switch (e.getCode()) {
      case 403 -> "The operator's ServiceAccount may not do this (check the chart's RBAC): " + message;
      case 404 -> "Not found: " + message;
      case 409 -> "The run changed meanwhile: reload the page and try again. (" + message + ")";
      case 422 -> "The API server refused the change: " + message;
      case 429 -> "The API server is busy (429): try again in a moment.";
      case 0 -> "The API server could not be reached: " + message;
      default -> "The API server failed (" + e.getCode() + "): " + message;
    };
  }
}
