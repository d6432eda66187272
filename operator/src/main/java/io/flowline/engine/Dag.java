package io.flowline.engine;

import io.flowline.api.NodeSpec;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The dependency graph of a pipeline's nodes. Built from any list of nodes, valid or not, because the
 * validator uses it to find problems: nodes without a name are left out, the first node of a duplicated
 * name wins, dependsOn entries naming no node are ignored and repeated entries count once. A node that
 * depends on itself keeps that edge (it is a cycle of one).
 *
 * <p>Every query returns names in declaration order (dependencies in dependsOn order) so results are
 * deterministic; a name that is not a node gets empty results. Transitive queries are computed on
 * demand and memoised as bit sets, which keeps 5,000-node graphs cheap.
 */
public final class Dag {
  private final List<String> names;
  private final Map<String, Integer> indexByName;
  private final int[][] dependencies;
  private final int[][] dependents;
  private final BitSet[] ancestorsMemo;
  private final BitSet[] descendantsMemo;
  private int[] componentOf;
  private int[][] componentMembers;
  private List<String> topologicalOrder;

  private Dag(List<String> names, Map<String, Integer> indexByName, int[][] dependencies) {
    this.names = names;
    this.indexByName = indexByName;
    this.dependencies = dependencies;
    this.dependents = invert(dependencies);
    this.ancestorsMemo = new BitSet[names.size()];
    this.descendantsMemo = new BitSet[names.size()];
  }

  /** Builds the graph; never throws, whatever the list holds. */
  public static Dag of(List<NodeSpec> nodes) {
    List<NodeSpec> kept = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, Integer> indexByName = new HashMap<>();
    if (nodes != null) {
      for (NodeSpec node : nodes) {
        if (node != null && node.getName() != null && !indexByName.containsKey(node.getName())) {
          indexByName.put(node.getName(), names.size());
          names.add(node.getName());
          kept.add(node);
        }
      }
    }
    int[][] dependencies = new int[kept.size()][];
    int[] lastSeenBy = new int[kept.size()];
    Arrays.fill(lastSeenBy, -1);
    for (int i = 0; i < kept.size(); i++) {
      List<String> dependsOn = kept.get(i).getDependsOn();
      int[] edges = new int[dependsOn == null ? 0 : dependsOn.size()];
      int count = 0;
      if (dependsOn != null) {
        for (String dependency : dependsOn) {
          Integer d = dependency == null ? null : indexByName.get(dependency);
          if (d != null && lastSeenBy[d] != i) {
            lastSeenBy[d] = i;
            edges[count++] = d;
          }
        }
      }
      dependencies[i] = Arrays.copyOf(edges, count);
    }
    return new Dag(Collections.unmodifiableList(names), indexByName, dependencies);
  }

  /** Every node's name, in declaration order (the first of a duplicated name only). */
  public List<String> nodes() {
    return names;
  }

  /** Nodes without dependencies, started first. */
  public Set<String> roots() {
    Set<String> roots = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      if (dependencies[i].length == 0) {
        roots.add(names.get(i));
      }
    }
    return Collections.unmodifiableSet(roots);
  }

  /** The node's direct dependencies, in dependsOn order. */
  public List<String> dependencies(String node) {
    Integer i = indexByName.get(node);
    return i == null ? List.of() : namesOf(dependencies[i]);
  }

  /** The nodes that list this node in dependsOn, in declaration order. */
  public List<String> dependents(String node) {
    Integer i = indexByName.get(node);
    return i == null ? List.of() : namesOf(dependents[i]);
  }

  /** Everything the node depends on, directly or not (the node itself only when it is on a cycle). */
  public Set<String> ancestors(String node) {
    Integer i = indexByName.get(node);
    return i == null ? Set.of() : namesOf(closure(i, dependencies, ancestorsMemo));
  }

  /** Everything that depends on the node, directly or not (the node itself only when it is on a cycle). */
  public Set<String> descendants(String node) {
    Integer i = indexByName.get(node);
    return i == null ? Set.of() : namesOf(closure(i, dependents, descendantsMemo));
  }

  /** Same as {@code ancestors(node).contains(candidate)} without building the set. */
  boolean isAncestor(String candidate, String node) {
    Integer c = indexByName.get(candidate);
    Integer i = indexByName.get(node);
    return c != null && i != null && closure(i, dependencies, ancestorsMemo).get(c);
  }

  /** True when a node of that name is in the graph. */
  boolean contains(String node) {
    return node != null && indexByName.containsKey(node);
  }

  /**
   * Every node after all of its dependencies; among nodes that are ready at the same time the one declared
   * first comes first, so a list already in a valid order comes back unchanged. Nodes on a cycle, and
   * everything depending on them, are left out.
   */
  public synchronized List<String> topologicalOrder() {
    if (topologicalOrder == null) {
      int[] waitingFor = new int[names.size()];
      PriorityQueue<Integer> ready = new PriorityQueue<>();
      for (int i = 0; i < names.size(); i++) {
        waitingFor[i] = dependencies[i].length;
        if (waitingFor[i] == 0) {
          ready.add(i);
        }
      }
      List<String> order = new ArrayList<>(names.size());
      while (!ready.isEmpty()) {
        int i = ready.poll();
        order.add(names.get(i));
        for (int dependent : dependents[i]) {
          if (--waitingFor[dependent] == 0) {
            ready.add(dependent);
          }
        }
      }
      topologicalOrder = Collections.unmodifiableList(order);
    }
    return topologicalOrder;
  }

  /**
   * One dependency cycle, if any: {@code [a, b, c]} means a depends on b, b on c and c on a. The cycle
   * starts at its first-declared node, and the search visits nodes in declaration order, so the answer
   * is the same for the same spec.
   */
  public Optional<List<String>> findCycle() {
    return findCycle(false);
  }

  /**
   * Like {@link #findCycle()}; with {@code ignoreSelfDependencies} a node depending on itself is not
   * reported (the validator reports that on the dependsOn entry already) and longer cycles are still found.
   */
  Optional<List<String>> findCycle(boolean ignoreSelfDependencies) {
    int n = names.size();
    byte[] state = new byte[n]; // 0 = not visited, 1 = on the current path, 2 = done
    int[] nextEdge = new int[n];
    int[] path = new int[n];
    int[] positionOnPath = new int[n];
    for (int start = 0; start < n; start++) {
      if (state[start] != 0) {
        continue;
      }
      int depth = 0;
      path[depth++] = start;
      state[start] = 1;
      while (depth > 0) {
        int node = path[depth - 1];
        if (nextEdge[node] == dependencies[node].length) {
          state[node] = 2;
          depth--;
          continue;
        }
        int next = dependencies[node][nextEdge[node]++];
        if (next == node && ignoreSelfDependencies) {
          continue;
        }
        if (state[next] == 1) {
          return Optional.of(cycleFrom(path, positionOnPath[next], depth));
        }
        if (state[next] == 0) {
          state[next] = 1;
          positionOnPath[next] = depth;
          path[depth++] = next;
        }
      }
    }
    return Optional.empty();
  }

  private List<String> cycleFrom(int[] path, int from, int to) {
    int first = from;
    for (int p = from; p < to; p++) {
      if (path[p] < path[first]) {
        first = p;
      }
    }
    List<String> cycle = new ArrayList<>(to - from);
    for (int k = 0; k < to - from; k++) {
      cycle.add(names.get(path[from + (first - from + k) % (to - from)]));
    }
    return Collections.unmodifiableList(cycle);
  }

  /**
   * Nodes reachable from {@code node} over one or more {@code edges}. Computed per strongly connected
   * component (all nodes of a cycle reach the same nodes), bottom-up over the component graph, and
   * memoised: each component is computed once, from the memoised sets of the components it points to.
   * That keeps both long chains and one big cycle linear in the graph size (times a bit-set merge).
   */
  private synchronized BitSet closure(int node, int[][] edges, BitSet[] memo) {
    int[] component = components();
    int[][] members = componentMembers;
    int target = component[node];
    ArrayDeque<Integer> pending = new ArrayDeque<>();
    pending.push(target);
    while (!pending.isEmpty()) {
      int c = pending.peek();
      if (memo[c] != null) {
        pending.pop();
        continue;
      }
      boolean ready = true;
      for (int member : members[c]) {
        for (int next : edges[member]) {
          int d = component[next];
          if (d != c && memo[d] == null) {
            pending.push(d);
            ready = false;
          }
        }
      }
      if (!ready) {
        continue; // everything pushed above c is finished before c is looked at again
      }
      BitSet reached = new BitSet(names.size());
      boolean onCycle = false;
      for (int member : members[c]) {
        for (int next : edges[member]) {
          int d = component[next];
          if (d != c) {
            reached.set(next);
            reached.or(memo[d]);
          } else {
            onCycle = true;
          }
        }
      }
      if (onCycle) {
        for (int member : members[c]) {
          reached.set(member); // every node of a cycle reaches itself and the rest of the cycle
        }
      }
      memo[c] = reached;
      pending.pop();
    }
    return memo[target];
  }

  /**
   * The strongly connected component of every node (Kosaraju, iterative so 5,000-node chains cannot
   * overflow the stack); computed once.
   */
  private int[] components() {
    if (componentOf != null) {
      return componentOf;
    }
    int n = names.size();
    int[] finished = new int[n];
    int finishedCount = 0;
    boolean[] seen = new boolean[n];
    int[] nextEdge = new int[n];
    int[] stack = new int[n];
    for (int start = 0; start < n; start++) {
      if (seen[start]) {
        continue;
      }
      int depth = 0;
      stack[depth++] = start;
      seen[start] = true;
      while (depth > 0) {
        int node = stack[depth - 1];
        if (nextEdge[node] < dependencies[node].length) {
          int next = dependencies[node][nextEdge[node]++];
          if (!seen[next]) {
            seen[next] = true;
            stack[depth++] = next;
          }
        } else {
          finished[finishedCount++] = node;
          depth--;
        }
      }
    }
    int[] component = new int[n];
    Arrays.fill(component, -1);
    int count = 0;
    for (int f = n - 1; f >= 0; f--) {
      int start = finished[f];
      if (component[start] >= 0) {
        continue;
      }
      int depth = 0;
      stack[depth++] = start;
      component[start] = count;
      while (depth > 0) {
        int node = stack[--depth];
        for (int next : dependents[node]) {
          if (component[next] < 0) {
            component[next] = count;
            stack[depth++] = next;
          }
        }
      }
      count++;
    }
    int[] sizes = new int[count];
    for (int c : component) {
      sizes[c]++;
    }
    int[][] members = new int[count][];
    for (int c = 0; c < count; c++) {
      members[c] = new int[sizes[c]];
      sizes[c] = 0;
    }
    for (int node = 0; node < n; node++) {
      members[component[node]][sizes[component[node]]++] = node;
    }
    componentMembers = members;
    componentOf = component;
    return component;
  }

  private List<String> namesOf(int[] indexes) {
    List<String> result = new ArrayList<>(indexes.length);
    for (int i : indexes) {
      result.add(names.get(i));
    }
    return Collections.unmodifiableList(result);
  }

  private Set<String> namesOf(BitSet indexes) {
    Set<String> result = new LinkedHashSet<>();
    for (int i = indexes.nextSetBit(0); i >= 0; i = indexes.nextSetBit(i + 1)) {
      result.add(names.get(i));
    }
    return Collections.unmodifiableSet(result);
  }

  /** Edges as lists of targets per source, turned into lists of sources per target (shared with DagLayout). */
  static int[][] invert(int[][] edges) {
    int[] counts = new int[edges.length];
    for (int[] targets : edges) {
      for (int target : targets) {
        counts[target]++;
      }
    }
    int[][] inverted = new int[edges.length][];
    for (int i = 0; i < edges.length; i++) {
      inverted[i] = new int[counts[i]];
      counts[i] = 0;
    }
    for (int source = 0; source < edges.length; source++) {
      for (int target : edges[source]) {
        inverted[target][counts[target]++] = source;
      }
    }
    return inverted;
  }
}
