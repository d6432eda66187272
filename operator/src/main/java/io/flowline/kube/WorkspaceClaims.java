package io.flowline.kube;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.PipelineRun;
import io.flowline.api.WorkspaceSpec;

/**
 * The PersistentVolumeClaim {@code <run>-ws} behind a run's workspace: created once, as the run starts, owned by the
 * run so that it is deleted with it. A claim of that name the run does not own is never used.
 */
public final class WorkspaceClaims {
  static final String SUFFIX = "-ws";

  /** What became of the claim. */
  public record Outcome(Kind kind, String message) {
    public enum Kind {
      /** Created now, or found owned by the run: its Jobs may be created. */
      READY,
      /** A claim of an earlier run of the same name is still being deleted: try again shortly. */
      WAIT,
      /** The claim cannot be had: the run fails with the message. */
      FAILED
    }
  }

  private final KubernetesClient client;

  public WorkspaceClaims(KubernetesClient client) {
    this.client = client;
  }

  public static String claimName(String run) {
    return OwnedConfigMaps.childName(run, SUFFIX);
  }

  /**
   * Creates the run's claim, or finds it made by an earlier try of the same start. A permanent API answer (400,
   * 403, 404, 422: not allowed, a quota, a bad class) fails the run; a transient one (429, 5xx, no answer) is
   * thrown, so the start is retried with backoff.
   */
  public Outcome ensure(PipelineRun run, WorkspaceSpec workspace) {
    String name = claimName(run.getMetadata().getName());
    PersistentVolumeClaim claim = new PersistentVolumeClaimBuilder()
        .withMetadata(OwnedObjects.ownedMetadata(run, name))
        .withNewSpec()
          .withAccessModes(workspace.effectiveAccessModes())
          .withStorageClassName(workspace.getStorageClassName())
          .withNewResources().addToRequests("storage", new Quantity(workspace.getSize())).endResources()
        .endSpec()
        .build();
    try {
      OwnedObjects.createOrFindOwn(client.persistentVolumeClaims().inNamespace(run.getMetadata().getNamespace()),
          claim, run);
      return new Outcome(Outcome.Kind.READY, null);
    } catch (ForeignObjectException e) {
      if (leftOverOfSameNamedRun(e.existing(), run)) {
        return new Outcome(Outcome.Kind.WAIT, "waiting for PersistentVolumeClaim " + name + " of an earlier run "
            + "of the same name to be deleted");
      }
      return new Outcome(Outcome.Kind.FAILED, "workspace: " + e.getMessage());
    } catch (KubernetesClientException e) {
      if (ApiErrors.isPermanent(e)) {
        return new Outcome(Outcome.Kind.FAILED, "creating the workspace PersistentVolumeClaim " + name
            + " was rejected: " + ApiErrors.message(e));
      }
      throw e;
    }
  }

  /**
   * Gone between the create and the read, being deleted, or owned by a deleted run of this name (the garbage
   * collector removes it once its pods are gone): it frees the name by itself.
   */
  private static boolean leftOverOfSameNamedRun(PersistentVolumeClaim existing, PipelineRun run) {
    if (existing == null || existing.getMetadata().getDeletionTimestamp() != null) {
      return true;
    }
    OwnerReference owner = OwnedObjects.controller(existing);
    return owner != null && run.getKind().equals(owner.getKind()) && run.getApiVersion().equals(owner.getApiVersion())
        && run.getMetadata().getName().equals(owner.getName());
  }
}
