package io.flowline.kube;

import io.flowline.engine.JobNames;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Keeps a run's pipeline snapshot in its status, or, over 256 KiB of JSON, gzip+base64 in a ConfigMap owned by
 * the run, so a huge pipeline cannot push the run's status past etcd's object limit.
 */
public final class SnapshotStore {
  public static final int INLINE_LIMIT_BYTES = 256 * 1024;
  static final String DATA_KEY = "pipelineSpec.json.gz.b64";
  private static final int CACHED_SNAPSHOTS = 32;

  private final KubernetesClient client;
  /** Snapshots never change, and inflating a large one on every step of its run would be the step's main cost. */
  private final Map<String, PipelineSpec> offloadedByRunUid = Collections.synchronizedMap(
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PipelineSpec> eldest) {
          return size() > CACHED_SNAPSHOTS;
        }
      });

  public SnapshotStore(KubernetesClient client) {
    this.client = client;
  }

  /** Puts the snapshot into status inline, or into the ConfigMap and its name into status.pipelineSpecRef. */
  public void save(PipelineRun run, PipelineSpec snapshot, PipelineRunStatus status) {
    String json = Serialization.asJson(snapshot);
    if (json.getBytes(StandardCharsets.UTF_8).length <= INLINE_LIMIT_BYTES) {
      status.setPipelineSpec(snapshot);
      status.setPipelineSpecRef(null);
      return;
    }
    String name = configMapName(run);
    ConfigMap configMap = new ConfigMapBuilder()
        .withNewMetadata()
          .withName(name)
          .withNamespace(run.getMetadata().getNamespace())
          .withLabels(Map.of(FlowlineLabels.RUN, JobNames.labelValue(run.getMetadata().getName())))
          .withOwnerReferences(new OwnerReferenceBuilder()
              .withApiVersion(run.getApiVersion()).withKind(run.getKind())
              .withName(run.getMetadata().getName()).withUid(run.getMetadata().getUid())
              .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withData(Map.of(DATA_KEY, gzipBase64(json)))
        .build();
    client.configMaps().inNamespace(run.getMetadata().getNamespace()).resource(configMap).createOr(c -> c.update());
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
    ConfigMap configMap = client.configMaps().inNamespace(run.getMetadata().getNamespace())
        .withName(status.getPipelineSpecRef()).get();
    if (configMap == null || configMap.getData() == null || !configMap.getData().containsKey(DATA_KEY)) {
      return null;
    }
    PipelineSpec snapshot = Serialization.unmarshal(gunzipBase64(configMap.getData().get(DATA_KEY)),
        PipelineSpec.class);
    offloadedByRunUid.put(run.getMetadata().getUid(), snapshot);
    return snapshot;
  }

  static String configMapName(PipelineRun run) {
    String name = run.getMetadata().getName() + "-spec";
    return name.length() <= 253 ? name : name.substring(0, 253);
  }

  static String gzipBase64(String text) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
      gzip.write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  static String gunzipBase64(String data) {
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(Base64.getDecoder().decode(data)))) {
      return new String(gzip.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
