package io.flowline.engine;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Decides where a run's node entries live so the PipelineRun object stays far below etcd's limit however many
 * nodes a run has: inline in status while the table is small; past the budget, finished entries move into chunks
 * (ConfigMaps owned by the run), Succeeded, Skipped and Cancelled ones first and Failed ones only when that is not
 * enough. Running and waiting entries always stay inline, so status shows what is in flight. Chunks are written
 * once and never change: finished entries do not change.
 */
public final class NodeTableLayout {
  /** Inline table size past which finished entries move out. */
  public static final int INLINE_BUDGET_BYTES = 192 * 1024;
  /** Raw JSON per chunk: gzip+base64 of it stays under a ConfigMap's 1 MiB even for text that does not compress. */
  public static final int CHUNK_BUDGET_BYTES = 512 * 1024;

  private NodeTableLayout() {
  }

  /**
   * The layout for one status write: inline while the table is small, finished entries out past the budget, and
   * every finished entry out when the whole object would otherwise pass {@code objectLimit}.
   *
   * @param otherBytes the size of the object without its inline node table (metadata, spec, rest of status)
   * @return the layout, or empty when even running and waiting entries alone do not fit: the run cannot go on
   */
  public static Optional<Layout> fit(List<NodeStatus> pending, ToIntFunction<NodeStatus> size, long otherBytes,
      long objectLimit) {
    Layout layout = layout(pending, size, INLINE_BUDGET_BYTES);
    if (otherBytes + bytes(layout.inline(), size) <= objectLimit) {
      return Optional.of(layout);
    }
    layout = layout(pending, size, 0);
    return otherBytes + bytes(layout.inline(), size) <= objectLimit ? Optional.of(layout) : Optional.empty();
  }

  private static long bytes(List<NodeStatus> entries, ToIntFunction<NodeStatus> size) {
    // Entries are comma-separated in a JSON array.
    return entries.stream().mapToLong(entry -> size.applyAsInt(entry) + 1L).sum();
  }

  /** What stays inline and the new chunks to write, each a list of entries in node order. */
  public record Layout(List<NodeStatus> inline, List<List<NodeStatus>> newChunks) {
  }

  /**
   * @param table the entries not in any chunk yet, in node order
   * @param size the serialized size of one entry in bytes
   * @param budget how many bytes of entries may stay inline
   */
  public static Layout layout(List<NodeStatus> table, ToIntFunction<NodeStatus> size, int budget) {
    Map<NodeStatus, Integer> sizes = new LinkedHashMap<>();
    long total = 0;
    for (NodeStatus entry : table) {
      int bytes = size.applyAsInt(entry);
      sizes.put(entry, bytes);
      total += bytes;
    }
    if (total <= budget) {
      return new Layout(table, List.of());
    }
    // NodeStatus has identity equality: a set of the very entries that move.
    Set<NodeStatus> moving = Collections.newSetFromMap(new IdentityHashMap<>());
    total = pick(table, sizes, total, budget, false, moving);
    if (total > budget) {
      pick(table, sizes, total, budget, true, moving);
    }
    List<NodeStatus> inline = table.stream().filter(entry -> !moving.contains(entry)).toList();
    List<NodeStatus> movingInOrder = table.stream().filter(moving::contains).toList();
    return new Layout(inline, chunks(movingInOrder, sizes));
  }

  /** Picks finished entries (failed ones or the others) until the inline total fits; returns the new total. */
  private static long pick(List<NodeStatus> table, Map<NodeStatus, Integer> sizes, long total, int budget,
      boolean failed, Set<NodeStatus> moving) {
    for (NodeStatus entry : table) {
      if (total <= budget) {
        break;
      }
      boolean finished = entry.getPhase() != null && entry.getPhase().isFinished();
      if (finished && (entry.getPhase() == NodePhase.Failed) == failed) {
        moving.add(entry);
        total -= sizes.get(entry);
      }
    }
    return total;
  }

  private static List<List<NodeStatus>> chunks(List<NodeStatus> entries, Map<NodeStatus, Integer> sizes) {
    List<List<NodeStatus>> chunks = new ArrayList<>();
    List<NodeStatus> current = new ArrayList<>();
    long bytes = 0;
    for (NodeStatus entry : entries) {
      if (!current.isEmpty() && bytes + sizes.get(entry) > CHUNK_BUDGET_BYTES) {
        chunks.add(current);
        current = new ArrayList<>();
        bytes = 0;
      }
      current.add(entry);
      bytes += sizes.get(entry);
    }
    if (!current.isEmpty()) {
      chunks.add(current);
    }
    return chunks;
  }

  /** Nodes per phase, for status when part of the table is in chunks. */
  public static Map<String, Integer> counts(List<NodeStatus> table) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (NodePhase phase : NodePhase.values()) {
      int count = (int) table.stream().filter(entry -> entry.getPhase() == phase).count();
      if (count > 0) {
        counts.put(phase.name(), count);
      }
    }
    return counts;
  }
}
