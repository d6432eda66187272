package io.flowline.e2e.bigrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * A run's node table as the operator records it, read independently of the operator's classes: the compact
 * entries inline in {@code status.nodes}, plus those moved to the ConfigMaps named, in order, by
 * {@code status.nodesRef} (each with one data key {@value #DATA_KEY}: base64 of gzip of a JSON array of the same
 * entries), and the per-phase {@code status.nodeCounts}. Every node is meant to be in exactly one place; where each
 * entry was found is kept so a duplicate can be reported with both places.
 */
final class NodeTable {
  static final String DATA_KEY = "nodes.json.gz.b64";
  static final String INLINE = "status.nodes";

  /** One compact entry and where it was found ({@value #INLINE} or a ConfigMap name). */
  record Entry(String name, String phase, Map<String, String> outputs, String place) {
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<Entry> entries;
  private final List<String> chunks;
  private final Map<String, Long> nodeCounts;

  private NodeTable(List<Entry> entries, List<String> chunks, Map<String, Long> nodeCounts) {
    this.entries = entries;
    this.chunks = chunks;
    this.nodeCounts = nodeCounts;
  }

  /** Reads the table of {@code run} (the object as JSON), fetching each ConfigMap its nodesRef lists. */
  static NodeTable read(KubernetesClient client, JsonNode run) {
    String namespace = run.path("metadata").path("namespace").asText();
    JsonNode status = run.path("status");
    List<Entry> entries = new ArrayList<>();
    addEntries(status.path("nodes"), INLINE, entries);

    List<String> chunks = new ArrayList<>();
    JsonNode refs = status.path("nodesRef");
    if (!refs.isMissingNode() && !refs.isNull() && !refs.isArray()) {
      throw new AssertionError("status.nodesRef is not a list of ConfigMap names: " + refs);
    }
    for (int i = 0; i < refs.size(); i++) {
      JsonNode ref = refs.get(i);
      if (!ref.isTextual()) {
        throw new AssertionError("status.nodesRef[" + i + "] is not a ConfigMap name: " + ref);
      }
      String name = ref.asText();
      chunks.add(name);
      ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(name).get();
      if (configMap == null) {
        throw new AssertionError("ConfigMap " + name + " (status.nodesRef[" + i + "]) does not exist: the node "
            + "entries it held are lost");
      }
      String data = configMap.getData() == null ? null : configMap.getData().get(DATA_KEY);
      if (data == null) {
        throw new AssertionError("ConfigMap " + name + " (status.nodesRef[" + i + "]) has no data key " + DATA_KEY
            + "; its keys: " + (configMap.getData() == null ? "none" : configMap.getData().keySet()));
      }
      addEntries(parse(gunzipBase64(data, name), name), name, entries);
    }

    Map<String, Long> counts = new LinkedHashMap<>();
    status.path("nodeCounts").fields().forEachRemaining(f -> counts.put(f.getKey(), f.getValue().asLong()));
    return new NodeTable(entries, chunks, counts);
  }

  /** Every entry found, inline ones first, then each ConfigMap's in nodesRef order; duplicates included. */
  List<Entry> entries() {
    return entries;
  }

  /** The ConfigMaps listed in status.nodesRef, in order. */
  List<String> chunks() {
    return chunks;
  }

  long inlineCount() {
    return entries.stream().filter(e -> INLINE.equals(e.place())).count();
  }

  /** status.nodeCounts; empty when the run has none. */
  Map<String, Long> nodeCounts() {
    return nodeCounts;
  }

  /** Node name -> the places holding an entry for it, for nodes recorded more than once. */
  Map<String, List<String>> duplicates() {
    Map<String, List<String>> places = new LinkedHashMap<>();
    for (Entry entry : entries) {
      places.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry.place());
    }
    places.values().removeIf(list -> list.size() < 2);
    return places;
  }

  /** Node name -> its entry (the first, should there be duplicates). */
  Map<String, Entry> byName() {
    Map<String, Entry> byName = new LinkedHashMap<>();
    for (Entry entry : entries) {
      byName.putIfAbsent(entry.name(), entry);
    }
    return byName;
  }

  private static void addEntries(JsonNode array, String place, List<Entry> into) {
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      throw new AssertionError("the node entries in " + place + " are not a JSON array: " + abbreviate(array));
    }
    for (JsonNode node : array) {
      Map<String, String> outputs = new LinkedHashMap<>();
      node.path("outputs").fields().forEachRemaining(f -> outputs.put(f.getKey(), f.getValue().asText()));
      into.add(new Entry(node.path("name").asText(null), node.path("phase").asText(null), outputs, place));
    }
  }

  private static JsonNode parse(String json, String configMap) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("ConfigMap " + configMap + ": " + DATA_KEY + " is not JSON after base64 and gunzip: "
          + e.getMessage(), e);
    }
  }

  private static String gunzipBase64(String data, String configMap) {
    byte[] gzipped;
    try {
      gzipped = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw new AssertionError("ConfigMap " + configMap + ": " + DATA_KEY + " is not base64: " + e.getMessage(), e);
    }
    try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
      return new String(gzip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      if (e instanceof java.util.zip.ZipException) {
        throw new AssertionError("ConfigMap " + configMap + ": " + DATA_KEY + " is not gzip: " + e.getMessage(), e);
      }
      throw new UncheckedIOException(e);
    }
  }

  private static String abbreviate(JsonNode json) {
    String text = json.toString();
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }
}
