package io.flowline.kube;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Keeps a run's pipeline snapshot in its status, or, over 256 KiB of JSON, gzip+base64 in a ConfigMap owned by
 * the run, so a huge pipeline cannot push the run's status past etcd's object limit.
 */
public final class SnapshotStore {
  public static final int INLINE_LIMIT_BYTES = 256 * 1024;
  static final String DATA_KEY = "pipelineSpec.json.gz.b64";
  private static final int CACHED_SNAPSHOTS = 32;

  private final OwnedConfigMaps configMaps;
  /** Snapshots never change, and inflating a large one on every step of its run would be the step's main cost. */
  private final Map<String, PipelineSpec> offloadedByRunUid = LruCache.create(CACHED_SNAPSHOTS);

  public SnapshotStore(KubernetesClient client) {
    this.configMaps = new OwnedConfigMaps(client);
  }

  /**
   * Puts the snapshot into status inline, or into the ConfigMap and its name into status.pipelineSpecRef.
   *
   * @throws ForeignObjectException when the ConfigMap's name is taken by an object the run does not own
   */
  public void save(PipelineRun run, PipelineSpec snapshot, PipelineRunStatus status) {
    String json = Serialization.asJson(snapshot);
    if (json.getBytes(StandardCharsets.UTF_8).length <= INLINE_LIMIT_BYTES) {
      status.setPipelineSpec(snapshot);
      status.setPipelineSpecRef(null);
      return;
    }
    String name = configMapName(run);
    configMaps.write(run, name, DATA_KEY, json);
    status.setPipelineSpec(null);
    status.setPipelineSpecRef(name);
  }

  /** The snapshot of a started run; null when its ConfigMap is gone. */
  public PipelineSpec load(PipelineRun run, PipelineRunStatus status) {
    if (status.getPipelineSpec() != null) {
      return status.getPipelineSpec();
    }
    PipelineSpec cached = offloadedByRunUid.get(run.getMetadata().getUid());
    if (cached != null) {
      return cached;
    }
    String json = configMaps.read(run, status.getPipelineSpecRef(), DATA_KEY);
    if (json == null) {
      return null;
    }
    PipelineSpec snapshot = Serialization.unmarshal(json, PipelineSpec.class);
    offloadedByRunUid.put(run.getMetadata().getUid(), snapshot);
    return snapshot;
  }

  static String configMapName(PipelineRun run) {
    return OwnedConfigMaps.childName(run.getMetadata().getName(), "-spec");
  }
}
