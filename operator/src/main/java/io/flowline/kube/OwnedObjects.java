package io.flowline.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonNamespaceOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowline.api.PipelineRun;
import io.flowline.engine.JobNames;
import java.util.Map;
import java.util.Optional;

/** Ownership of the objects a run creates: the only objects the operator ever updates, adopts or deletes. */
public final class OwnedObjects {
  private OwnedObjects() {
  }

  /** The controller owner reference that ties an object to its run, so deleting the run deletes it. */
  /** Metadata of an object the run owns: its name, the run's namespace and label, the run as controller. */
  public static ObjectMeta ownedMetadata(PipelineRun run, String name) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(run.getMetadata().getNamespace())
        .withLabels(Map.of(FlowlineLabels.RUN, JobNames.labelValue(run.getMetadata().getName())))
        .withOwnerReferences(controllerReference(run))
        .build();
  }

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

  /**
   * Creates {@code object} for the run; when its name is taken, the existing object is returned if the run owns
   * it (made by an earlier try the run did not get to record), so the caller decides whether to update it.
   *
   * @return empty when created now
   * @throws ForeignObjectException when the name is taken by an object the run does not own (or one that went away
   *     between the create and the read); it carries that object, or null
   * @throws KubernetesClientException any other answer of the API server, for the caller to sort
   */
  public static <T extends HasMetadata> Optional<T> createOrFindOwn(
      NonNamespaceOperation<T, ?, ? extends Resource<T>> objects, T object, PipelineRun run) {
    try {
      objects.resource(object).create();
      return Optional.empty();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    T existing = objects.withName(object.getMetadata().getName()).get();
    if (existing == null || !ownedBy(existing, run)) {
      throw new ForeignObjectException(object.getKind(), object.getMetadata().getName(), existing);
    }
    return Optional.of(existing);
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
