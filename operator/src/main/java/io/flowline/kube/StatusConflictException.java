package io.flowline.kube;

/** The status write lost an optimistic-locking race: the reconciler looks again instead of acting on stale state. */
public final class StatusConflictException extends RuntimeException {
  public StatusConflictException(String resource, Throwable cause) {
    super("status of " + resource + " changed meanwhile", cause);
  }
}
