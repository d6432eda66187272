package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LruCacheTest {
  @Test
  void aWeightedCacheKeepsEveryChunkOfARunWhoseEntriesFitHoweverManyChunksThereAre() {
    Map<String, List<Integer>> chunks = LruCache.weighted(1_000, List::size);
    for (int i = 0; i < 100; i++) {
      chunks.put("chunk-" + i, List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    }
    assertThat(chunks).hasSize(100);
  }

  @Test
  void aWeightedCacheEvictsTheLeastRecentlyReadFirstOnceOverItsWeight() {
    Map<String, List<Integer>> chunks = LruCache.weighted(20, List::size);
    chunks.put("a", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    chunks.put("b", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    chunks.get("a");
    chunks.put("c", List.of(1, 2, 3, 4, 5));

    assertThat(chunks).containsOnlyKeys("a", "c");
    chunks.remove("a");
    chunks.put("d", List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    assertThat(chunks).as("a's weight was given back when it was removed").containsOnlyKeys("c", "d");
  }
}
