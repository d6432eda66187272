package io.flowline.kube;

/** An object the run needs to create exists and belongs to someone else: it is left alone and the run told. */
public final class ForeignObjectException extends RuntimeException {
  public ForeignObjectException(String kind, String name) {
    super(kind + " " + name + " already exists and is not owned by this run; it was left untouched "
        + "(rename or delete it, then re-create the run)");
  }
}
