package io.flowline.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Set;

/**
 * Sorts the API server's answers: a permanent one (the request itself is wrong or not allowed) fails what asked
 * for it; anything else (429, 5xx, a lost connection) is retried with backoff and never fails a run.
 */
public final class ApiErrors {
  private static final Set<Integer> PERMANENT = Set.of(400, 403, 404, 405, 413, 422);

  private ApiErrors() {
  }

  public static boolean isPermanent(KubernetesClientException e) {
    return PERMANENT.contains(e.getCode());
  }

  /**
   * True for API errors that may go away by themselves: throttling, server errors, and no answer at all (the
   * client reports a lost connection or a timeout as code 0). Only the client's exceptions count: an IOException
   * of the operator's own (a corrupt snapshot, say) is no outage.
   */
  public static boolean isTransient(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof KubernetesClientException api) {
        return api.getCode() != 409 && !isPermanent(api);
      }
    }
    return false;
  }

  /** The API server's own message (e.g. a quota or admission denial), without the client's request preamble. */
  public static String message(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null && !e.getStatus().getMessage().isBlank()) {
      return e.getStatus().getMessage();
    }
    return e.getMessage();
  }
}
