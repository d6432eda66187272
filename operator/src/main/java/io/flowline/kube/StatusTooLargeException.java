package io.flowline.kube;

/** A status write that would make the object larger than the operator allows; nothing was written. */
public final class StatusTooLargeException extends RuntimeException {
  public StatusTooLargeException(String resource, long size, long limit) {
    super("the object " + resource + " would be " + size + " bytes with this status, over the " + limit
        + " byte limit");
  }
}
