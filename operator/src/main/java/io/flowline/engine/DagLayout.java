package io.flowline.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where each node of a {@link Dag} goes in a drawing: a layer (a column of the drawing) and a position
 * inside that layer.
 *
 * <p>Layers follow the longest path from the roots: roots are on layer 0 and every other node is one layer
 * after its deepest dependency, so every edge points from a lower to a higher layer. Inside a layer nodes
 * start in declaration order and are then reordered by the barycenter heuristic to reduce edge crossings:
 * {@value #SWEEPS} sweeps down (each node keyed by the mean position of its dependencies) alternating with
 * {@value #SWEEPS} sweeps up (keyed by its dependents). Positions are compared centred on the middle of
 * their layer, as the drawing centres each column, and all neighbours count, not only those on the
 * adjacent layer, so an edge that skips layers still pulls its ends together without dummy nodes (which
 * could be millions in a 5,000-node graph). A node without neighbours on the swept side keeps its place;
 * ties keep the previous order, so the result never depends on hash order. The order with the fewest
 * {@link #crossings()} seen (the initial one included) is kept.
 *
 * <p>A graph with a cycle (an invalid pipeline) still gets a layout: nodes on or after a cycle are placed
 * in declaration order one layer after their already placed dependencies, so some of their edges may
 * point backwards or stay inside a layer. A self-dependency is not an edge of the layout.
 *
 * <p>Each sweep costs O(E + N log N) and each crossing count O(E log E), so 5,000 nodes and 10,000 edges
 * take a few milliseconds.
 */
public final class DagLayout {
  static final int SWEEPS = 4;

  /** A dependency drawn as an arrow: {@code to} depends on {@code from}. */
  public record Edge(String from, String to) {
  }

  private final List<String> names;
  private final Map<String, Integer> indexByName;
  private final int[] layer;
  private final int[] position;
  private final int[][] layers;
  private final int[][] dependencies;
  private final int[][] dependents;
  private final int crossings;
  private final List<List<String>> layerNames;
  // forward edges grouped by layer pair, and scratch space for counting their crossings
  private int[] edgeFrom;
  private int[] edgeTo;
  private int[] groupStarts;
  private long[] sortBuffer;
  private int[] mergeBuffer;
  private int[] targetBuffer;

  private DagLayout(Dag dag) {
    names = dag.nodes();
    int n = names.size();
    indexByName = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      indexByName.put(names.get(i), i);
    }
    dependencies = new int[n][];
    for (int i = 0; i < n; i++) {
      dependencies[i] = indexesOf(dag.dependencies(names.get(i)), i);
    }
    dependents = Dag.invert(dependencies);
    layer = assignLayers(dag);
    layers = groupByLayer(layer);
    position = new int[n];
    placeAll(layers, position);
    groupEdgesByLayerPair();
    crossings = orderLayers();
    sortBuffer = null; // scratch space, not kept with the layout
    mergeBuffer = null;
    targetBuffer = null;
    List<List<String>> named = new ArrayList<>(layers.length);
    for (int[] members : layers) {
      named.add(namesOf(members));
    }
    layerNames = Collections.unmodifiableList(named);
  }

  /** Lays the graph out; never throws, whatever the graph holds. */
  public static DagLayout of(Dag dag) {
    return new DagLayout(Objects.requireNonNull(dag, "dag"));
  }

  /** Node names per layer, layer 0 first, each layer in drawing order. */
  public List<List<String>> layers() {
    return layerNames;
  }

  /** Number of nodes laid out. */
  public int size() {
    return names.size();
  }

  /** The node's layer (0 for roots), or -1 when no node has that name. */
  public int layerOf(String node) {
    Integer i = indexByName.get(node);
    return i == null ? -1 : layer[i];
  }

  /** The node's place inside its layer (0 first), or -1 when no node has that name. */
  public int positionOf(String node) {
    Integer i = indexByName.get(node);
    return i == null ? -1 : position[i];
  }

  /** One edge per dependency: nodes in declaration order, each one's dependencies in dependsOn order. */
  public List<Edge> edges() {
    List<Edge> edges = new ArrayList<>();
    for (int to = 0; to < dependencies.length; to++) {
      for (int from : dependencies[to]) {
        edges.add(new Edge(names.get(from), names.get(to)));
      }
    }
    return Collections.unmodifiableList(edges);
  }

  /**
   * Pairs of edges that cross in the final order. Two edges are compared only when they join the same
   * pair of layers (adjacent or not), and they cross when their ends are in opposite orders on the two
   * layers; edges sharing an end never cross. Edges pointing backwards (only with a cycle) are not counted.
   */
  public int crossings() {
    return crossings;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DagLayout that
        && names.equals(that.names)
        && Arrays.deepEquals(layers, that.layers)
        && Arrays.deepEquals(dependencies, that.dependencies);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, Arrays.deepHashCode(layers));
  }

  @Override
  public String toString() {
    return "DagLayout" + layers();
  }

  private int[] indexesOf(List<String> dependencyNames, int self) {
    int[] result = new int[dependencyNames.size()];
    int count = 0;
    for (String name : dependencyNames) {
      int d = indexByName.get(name);
      if (d != self) {
        result[count++] = d;
      }
    }
    return Arrays.copyOf(result, count);
  }

  private int[] assignLayers(Dag dag) {
    int n = names.size();
    int[] result = new int[n];
    boolean[] placed = new boolean[n];
    for (String name : dag.topologicalOrder()) {
      int i = indexByName.get(name);
      result[i] = layerAfter(dependencies[i], result, null);
      placed[i] = true;
    }
    for (int i = 0; i < n; i++) { // left out of the topological order: on or after a cycle
      if (!placed[i]) {
        result[i] = layerAfter(dependencies[i], result, placed);
        placed[i] = true;
      }
    }
    return result;
  }

  private static int layerAfter(int[] dependencies, int[] layer, boolean[] placedOnly) {
    int result = 0;
    for (int d : dependencies) {
      if (placedOnly == null || placedOnly[d]) {
        result = Math.max(result, layer[d] + 1);
      }
    }
    return result;
  }

  private static int[][] groupByLayer(int[] layer) {
    int count = 0;
    for (int l : layer) {
      count = Math.max(count, l + 1);
    }
    int[] sizes = new int[count];
    for (int l : layer) {
      sizes[l]++;
    }
    int[][] result = new int[count][];
    for (int l = 0; l < count; l++) {
      result[l] = new int[sizes[l]];
      sizes[l] = 0;
    }
    for (int i = 0; i < layer.length; i++) { // declaration order inside each layer
      result[layer[i]][sizes[layer[i]]++] = i;
    }
    return result;
  }

  private static void placeAll(int[][] layers, int[] position) {
    for (int[] members : layers) {
      for (int p = 0; p < members.length; p++) {
        position[members[p]] = p;
      }
    }
  }

  /** Runs the sweeps, leaves the best order in {@link #layers} and returns its crossing count. */
  private int orderLayers() {
    int best = countCrossings();
    int[][] bestLayers = copy(layers);
    for (int sweep = 0; sweep < 2 * SWEEPS && best > 0; sweep++) {
      boolean down = sweep % 2 == 0;
      if (down) {
        for (int l = 1; l < layers.length; l++) {
          reorder(l, dependencies);
        }
      } else {
        for (int l = layers.length - 2; l >= 0; l--) {
          reorder(l, dependents);
        }
      }
      int found = countCrossings();
      if (found < best) {
        best = found;
        bestLayers = copy(layers);
      }
    }
    for (int l = 0; l < layers.length; l++) {
      layers[l] = bestLayers[l];
    }
    placeAll(layers, position);
    return best;
  }

  /**
   * Sorts one layer by the mean centred position of each node's neighbours on the swept side (lower
   * layers when sweeping down, higher when sweeping up); the sort is stable, so ties keep their order.
   */
  private void reorder(int l, int[][] neighbours) {
    int[] members = layers[l];
    double[] key = new double[members.length];
    boolean downwards = neighbours == dependencies;
    for (int p = 0; p < members.length; p++) {
      double sum = 0;
      int count = 0;
      for (int other : neighbours[members[p]]) {
        boolean onSweptSide = downwards ? layer[other] < l : layer[other] > l;
        if (onSweptSide) {
          sum += centred(other);
          count++;
        }
      }
      key[p] = count == 0 ? centred(members[p]) : sum / count;
    }
    int[] sorted = members.clone();
    sortByKey(sorted, key, members.clone(), 0, members.length);
    layers[l] = sorted;
    for (int p = 0; p < sorted.length; p++) {
      position[sorted[p]] = p;
    }
  }

  /**
   * Stable merge sort of nodes[from, to) by key (key[p] belongs to the node at position p of the layer
   * before sorting, that is to {@code position[node]}); {@code buffer} holds the same nodes.
   */
  private void sortByKey(int[] nodes, double[] key, int[] buffer, int from, int to) {
    if (to - from < 2) {
      return;
    }
    int middle = (from + to) >>> 1;
    sortByKey(buffer, key, nodes, from, middle);
    sortByKey(buffer, key, nodes, middle, to);
    int left = from;
    int right = middle;
    for (int out = from; out < to; out++) {
      boolean takeLeft = right >= to
          || left < middle && key[position[buffer[left]]] <= key[position[buffer[right]]];
      nodes[out] = takeLeft ? buffer[left++] : buffer[right++];
    }
  }

  private double centred(int node) {
    return position[node] - (layers[layer[node]].length - 1) / 2.0;
  }

  /**
   * Forward edges grouped by (source layer, target layer), the grouping {@link #crossings()} compares in;
   * it does not change while the layers are reordered, so it is built once.
   */
  private void groupEdgesByLayerPair() {
    int count = 0;
    for (int to = 0; to < dependencies.length; to++) {
      for (int from : dependencies[to]) {
        if (layer[from] < layer[to]) {
          count++;
        }
      }
    }
    edgeFrom = new int[count];
    edgeTo = new int[count];
    long[] keyed = new long[count];
    int e = 0;
    for (int to = 0; to < dependencies.length; to++) {
      for (int from : dependencies[to]) {
        if (layer[from] < layer[to]) {
          edgeFrom[e] = from;
          edgeTo[e] = to;
          keyed[e] = (layer[from] * (long) layers.length + layer[to]) * count + e;
          e++;
        }
      }
    }
    Arrays.sort(keyed);
    int[] from = new int[count];
    int[] to = new int[count];
    int[] starts = new int[count + 1];
    int groups = 0;
    long previousPair = -1;
    for (int k = 0; k < count; k++) {
      int edge = (int) (keyed[k] % count);
      long pair = keyed[k] / count;
      if (pair != previousPair) {
        starts[groups++] = k;
        previousPair = pair;
      }
      from[k] = edgeFrom[edge];
      to[k] = edgeTo[edge];
    }
    starts[groups] = count;
    edgeFrom = from;
    edgeTo = to;
    groupStarts = Arrays.copyOf(starts, groups + 1);
    sortBuffer = new long[count];
    mergeBuffer = new int[count];
    targetBuffer = new int[count];
  }

  /**
   * Counts crossings as {@link #crossings()} describes: per group, edges sorted by source position then
   * target position; two edges cross exactly when their targets are then strictly inverted.
   */
  private int countCrossings() {
    long width = 1;
    for (int[] members : layers) {
      width = Math.max(width, members.length + 1);
    }
    long total = 0;
    for (int g = 0; g + 1 < groupStarts.length; g++) {
      int from = groupStarts[g];
      int to = groupStarts[g + 1];
      for (int e = from; e < to; e++) {
        sortBuffer[e] = position[edgeFrom[e]] * width + position[edgeTo[e]];
      }
      Arrays.sort(sortBuffer, from, to);
      for (int e = from; e < to; e++) {
        targetBuffer[e] = (int) (sortBuffer[e] % width);
      }
      total += inversions(targetBuffer, mergeBuffer, from, to);
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /** Pairs i &lt; j in [from, to) with values[i] &gt; values[j], by merge sort (values end sorted). */
  private static long inversions(int[] values, int[] buffer, int from, int to) {
    if (to - from < 2) {
      return 0;
    }
    int middle = (from + to) >>> 1;
    long count = inversions(values, buffer, from, middle) + inversions(values, buffer, middle, to);
    int left = from;
    int right = middle;
    int out = from;
    while (left < middle && right < to) {
      if (values[left] <= values[right]) {
        buffer[out++] = values[left++];
      } else {
        count += middle - left;
        buffer[out++] = values[right++];
      }
    }
    while (left < middle) {
      buffer[out++] = values[left++];
    }
    while (right < to) {
      buffer[out++] = values[right++];
    }
    System.arraycopy(buffer, from, values, from, to - from);
    return count;
  }

  private static int[][] copy(int[][] layers) {
    int[][] result = new int[layers.length][];
    for (int l = 0; l < layers.length; l++) {
      result[l] = layers[l].clone();
    }
    return result;
  }

  private List<String> namesOf(int[] indexes) {
    List<String> result = new ArrayList<>(indexes.length);
    for (int i : indexes) {
      result.add(names.get(i));
    }
    return Collections.unmodifiableList(result);
  }
}
