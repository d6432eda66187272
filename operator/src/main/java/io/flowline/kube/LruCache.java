package io.flowline.kube;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/** A small thread-safe least-recently-used map for immutable data of a few runs (snapshots, node tables). */
final class LruCache {
  private LruCache() {
  }

  static <K, V> Map<K, V> create(int capacity) {
    return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    });
  }

  /**
   * Bounded by the sum of its values' weights instead of their number: a run reads all of its node table chunks
   * in every step, so a count that a big run's chunks outnumber would evict each one just before it is read.
   */
  static <K, V> Map<K, V> weighted(long maxWeight, ToIntFunction<V> weight) {
    return Collections.synchronizedMap(new Weighted<>(maxWeight, weight));
  }

  private static final class Weighted<K, V> extends LinkedHashMap<K, V> {
    private final long maxWeight;
    private final transient ToIntFunction<V> weight;
    private long total;

    Weighted(long maxWeight, ToIntFunction<V> weight) {
      super(16, 0.75f, true);
      this.maxWeight = maxWeight;
      this.weight = weight;
    }

    @Override
    public V put(K key, V value) {
      V previous = super.put(key, value);
      if (previous != null) {
        total -= weight.applyAsInt(previous);
      }
      total += weight.applyAsInt(value);
      Iterator<Map.Entry<K, V>> eldestFirst = entrySet().iterator();
      while (total > maxWeight && size() > 1 && eldestFirst.hasNext()) {
        Map.Entry<K, V> eldest = eldestFirst.next();
        if (eldest.getKey().equals(key)) {
          continue;
        }
        total -= weight.applyAsInt(eldest.getValue());
        eldestFirst.remove();
      }
      return previous;
    }

    @Override
    public V remove(Object key) {
      V previous = super.remove(key);
      if (previous != null) {
        total -= weight.applyAsInt(previous);
      }
      return previous;
    }
  }
}
