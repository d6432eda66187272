package io.flowline.kube;

import java.nio.charset.StandardCharsets;
import io.fabric8.kubernetes.client.CustomResource;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;

/**
 * The one place status is written. It replaces the status with optimistic locking (the resourceVersion the
 * reconciler read), so a decision taken on a stale cache is never written, and events that follow a write are
 * emitted at most once. It writes nothing when the status did not change, and hands the written resource to
 * JOSDK's cache so the next reconciliation sees it even before the watch delivers it.
 */
public final class StatusWriter {
  /** No run object grows past this by the operator's writes; etcd's own limit is 1.5 MiB. */
  public static final int OBJECT_LIMIT_BYTES = 1024 * 1024;
  /** apiVersion, kind and the JSON around metadata, spec and status. */
  private static final int OBJECT_ENVELOPE_BYTES = 128;

  private final KubernetesClient client;

  public StatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Writes a status whose size the operator bounds itself (a Pipeline's: conditions and counts). Returns true when
   * a write happened.
   */
  public <S, R extends CustomResource<?, S>> boolean write(R current, S newStatus, Context<R> context) {
    return write(current, newStatus, context, false);
  }

  /**
   * Writes a status that grows with the run (node table, params, messages), checking the whole object first.
   * Returns true when a write happened.
   *
   * @throws StatusTooLargeException when the whole object would be over {@link #OBJECT_LIMIT_BYTES}
   */
  public <S, R extends CustomResource<?, S>> boolean writeWithinLimit(R current, S newStatus, Context<R> context) {
    return write(current, newStatus, context, true);
  }

  private <S, R extends CustomResource<?, S>> boolean write(R current, S newStatus, Context<R> context,
      boolean checkSize) {
    String newJson = Serialization.asJson(newStatus);
    if (newJson.equals(Serialization.asJson(current.getStatus()))) {
      return false;
    }
    if (checkSize) {
      int size = objectSize(current, newJson.getBytes(StandardCharsets.UTF_8).length);
      if (size > OBJECT_LIMIT_BYTES) {
        throw new StatusTooLargeException(current.getMetadata().getName(), size, OBJECT_LIMIT_BYTES);
      }
    }
    R copy = shallowCopy(current, newStatus);
    try {
      R written = client.resource(copy).updateStatus();
      if (context != null) {
        context.eventSourceRetriever().getControllerEventSource()
            .handleRecentResourceUpdate(ResourceID.fromResource(current), written, current);
      }
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        throw new StatusConflictException(current.getMetadata().getName(), e);
      }
      throw e;
    }
  }

  /**
   * The object to send: the read one's metadata and spec (only read by the client, never changed) with the new
   * status. A deep copy would serialize the whole run once more per write.
   */
  @SuppressWarnings("unchecked")
  private static <S, R extends CustomResource<?, S>> R shallowCopy(R current, S newStatus) {
    try {
      R copy = (R) current.getClass().getDeclaredConstructor().newInstance();
      copy.setMetadata(current.getMetadata());
      ((CustomResource<Object, S>) copy).setSpec(current.getSpec());
      copy.setStatus(newStatus);
      return copy;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot copy " + current.getClass().getSimpleName(), e);
    }
  }

  /** A copy of the run's status to change: the writer compares against the status as read, which stays as is. */
  public static PipelineRunStatus copyOfStatus(PipelineRun run) {
    return run.getStatus() == null ? new PipelineRunStatus() : Serialization.clone(run.getStatus());
  }

  /**
   * The whole object's JSON size with a status of {@code statusBytes}: its metadata and spec as read, and a margin
   * for apiVersion, kind and what the server adds.
   */
  public static int objectSize(CustomResource<?, ?> object, int statusBytes) {
    return jsonSize(object.getMetadata()) + jsonSize(object.getSpec()) + statusBytes + OBJECT_ENVELOPE_BYTES;
  }

  /** Serialized size of a status, checked before writing so an oversized run fails instead of looping. */
  public static int jsonSize(Object status) {
    return Serialization.asJson(status).getBytes(StandardCharsets.UTF_8).length;
  }
}
