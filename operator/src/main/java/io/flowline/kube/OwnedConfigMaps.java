package io.flowline.kube;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.PipelineRun;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * ConfigMaps that hold a run's overflow (the spec snapshot, the node table) as gzip+base64 text, owned by the run.
 * A ConfigMap of the same name that the run does not own is never updated or adopted.
 */
public final class OwnedConfigMaps {
  private static final int MAX_NAME_LENGTH = 253;

  private final KubernetesClient client;

  public OwnedConfigMaps(KubernetesClient client) {
    this.client = client;
  }

  /**
   * {@code <run><suffix>} as a valid ConfigMap name (a DNS-1123 subdomain of at most 253 characters): the suffix
   * is kept whole and a long run name is cut before it, without the dashes or dots the cut may leave at its end
   * (a run named with 252 characters would otherwise give a name ending in '-', which the API server refuses).
   */
  static String childName(String run, String suffix) {
    int room = MAX_NAME_LENGTH - suffix.length();
    int end = Math.min(run.length(), room);
    while (end > 0 && !Character.isLetterOrDigit(run.charAt(end - 1))) {
      end--;
    }
    return run.substring(0, end) + suffix;
  }

  /**
   * Writes {@code text} compressed under {@code key}; a ConfigMap of that name left by an earlier step of the same
   * run (a crash between this write and the status write) is replaced.
   *
   * @throws ForeignObjectException when the name is taken by an object the run does not own
   */
  public void write(PipelineRun run, String name, String key, String text) {
    ConfigMap configMap = new ConfigMapBuilder()
        .withMetadata(OwnedObjects.ownedMetadata(run, name))
        .withData(Map.of(key, gzipBase64(text)))
        .build();
    var configMaps = client.configMaps().inNamespace(run.getMetadata().getNamespace());
    Optional<ConfigMap> existing = OwnedObjects.createOrFindOwn(configMaps, configMap, run);
    if (existing.isEmpty()) {
      return;
    }
    configMap.getMetadata().setResourceVersion(existing.get().getMetadata().getResourceVersion());
    configMaps.resource(configMap).update();
  }

  /** The text under {@code key}, or null when the ConfigMap or the key is missing or not the run's own. */
  public String read(PipelineRun run, String name, String key) {
    ConfigMap configMap = client.configMaps().inNamespace(run.getMetadata().getNamespace()).withName(name).get();
    if (configMap == null || !OwnedObjects.ownedBy(configMap, run) || configMap.getData() == null
        || !configMap.getData().containsKey(key)) {
      return null;
    }
    return gunzipBase64(configMap.getData().get(key));
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
