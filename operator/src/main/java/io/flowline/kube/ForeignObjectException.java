package io.flowline.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** An object the run needs to create exists and belongs to someone else: it is left alone and the run told. */
public final class ForeignObjectException extends RuntimeException {
  private final transient HasMetadata existing;

  public ForeignObjectException(String kind, String name) {
    this(kind, name, null);
  }

  public ForeignObjectException(String kind, String name, HasMetadata existing) {
    super(kind + " " + name + " already exists and is not owned by this run; it was left untouched "
        + "(rename or delete it, then re-create the run)");
    this.existing = existing;
  }

  /** The object found under the name, or null when it was gone by the time it was read. */
  @SuppressWarnings("unchecked")
  public <T extends HasMetadata> T existing() {
    return (T) existing;
  }
}
