package io.flowline.kube;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeStatus;
import io.flowline.engine.NodeTables;
import io.flowline.api.PipelineRun;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The finished part of a large node table, in ConfigMaps {@code <run>-nodes-<i>} owned by the run (see
 * status.nodesRef). A chunk never changes once status names it, so chunks are cached by run UID and name.
 */
public final class NodeTableStore {
  public static final String DATA_KEY = "nodes.json.gz.b64";
  /** Node entries kept in memory across runs: all of several 10,000-node runs, a few MiB each. */
  private static final int CACHED_ENTRIES = 50_000;
  private static final TypeReference<List<NodeStatus>> ENTRIES = new TypeReference<>() {
  };

  private final OwnedConfigMaps configMaps;
  private final Map<String, List<NodeStatus>> chunks = LruCache.weighted(CACHED_ENTRIES, List::size);

  public NodeTableStore(KubernetesClient client) {
    this.configMaps = new OwnedConfigMaps(client);
  }

  /**
   * Every entry of the chunks status names, an entry found in several chunks as in the newest, or null when one of
   * them is missing.
   */
  public List<NodeStatus> load(PipelineRun run, List<String> names) {
    List<List<NodeStatus>> chunkList = new ArrayList<>(names.size());
    for (String name : names) {
      String key = run.getMetadata().getUid() + "/" + name;
      List<NodeStatus> chunk = chunks.get(key);
      if (chunk == null) {
        String json = configMaps.read(run, name, DATA_KEY);
        if (json == null) {
          return null;
        }
        chunk = parse(json);
        chunks.put(key, chunk);
      }
      chunkList.add(chunk);
    }
    return NodeTables.merge(chunkList);
  }

  /**
   * Writes chunk number {@code index} and returns its name.
   *
   * @throws ForeignObjectException when the name is taken by an object the run does not own
   */
  public String save(PipelineRun run, int index, List<NodeStatus> entries) {
    String name = chunkName(run, index);
    configMaps.write(run, name, DATA_KEY, Serialization.asJson(entries));
    chunks.put(run.getMetadata().getUid() + "/" + name, List.copyOf(entries));
    return name;
  }

  private static List<NodeStatus> parse(String json) {
    try {
      return Serialization.jsonMapper().readValue(json, ENTRIES);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String chunkName(PipelineRun run, int index) {
    return OwnedConfigMaps.childName(run.getMetadata().getName(), "-nodes-" + index);
  }
}
