package io.flowline.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.flowline.api.PipelineRun;

/** Ownership of the objects a run creates: the only objects the operator ever updates, adopts or deletes. */
public final class OwnedObjects {
  private OwnedObjects() {
  }

  /** The controller owner reference that ties an object to its run, so deleting the run deletes it. */
  public static OwnerReference controllerReference(PipelineRun run) {
    return new OwnerReferenceBuilder()
        .withApiVersion(run.getApiVersion())
        .withKind(run.getKind())
        .withName(run.getMetadata().getName())
        .withUid(run.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /** True when the run (by UID, not name) is the object's controller. */
  public static boolean ownedBy(HasMetadata object, PipelineRun run) {
    return controller(object) != null && run.getMetadata().getUid().equals(controller(object).getUid());
  }

  /** The object's controller owner reference, or null. */
  public static OwnerReference controller(HasMetadata object) {
    for (OwnerReference owner : object.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(owner.getController())) {
        return owner;
      }
    }
    return null;
  }
}
