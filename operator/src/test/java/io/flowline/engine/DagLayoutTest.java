package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeSpec;
import io.flowline.engine.DagLayout.Edge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.function.ToIntFunction;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DagLayoutTest {

  @Test
  void layersFollowTheLongestPathFromTheRoots() {
    // extract -> clean -> load, plus a shortcut extract -> load: load still comes after clean
    DagLayout layout = DagLayout.of(Dag.of(List.of(
        node("extract"),
        node("load", "extract", "clean"),
        node("clean", "extract"),
        node("report"))));

    assertThat(layout.layers()).containsExactly(
        List.of("extract", "report"), List.of("clean"), List.of("load"));
    assertThat(layout.layerOf("load")).isEqualTo(2);
    assertThat(layout.layerOf("report")).isZero();
    assertThat(layout.layerOf("no-such-node")).isEqualTo(-1);
    assertThat(layout.positionOf("no-such-node")).isEqualTo(-1);
    assertThat(layout.edges()).containsExactly(
        new Edge("extract", "load"), new Edge("clean", "load"), new Edge("extract", "clean"));
  }

  @Test
  void barycenterRemovesCrossingsOfTheDeclarationOrder() {
    // declared order a b / c d draws c under a but linked to b, and d under b but linked to a: one crossing
    List<NodeSpec> nodes = List.of(node("a"), node("b"), node("c", "b"), node("d", "a"));
    assertThat(crossingsInDeclarationOrder(nodes)).isEqualTo(1);

    DagLayout layout = DagLayout.of(Dag.of(nodes));

    assertThat(layout.crossings()).isZero();
    assertThat(layout.layers()).containsExactly(List.of("a", "b"), List.of("d", "c"));
    assertThat(layout.positionOf("d")).isZero();
    assertThat(layout.positionOf("c")).isEqualTo(1);
  }

  @Test
  void barycenterUntanglesAThreeLayerGraphBothWays() {
    // two interleaved chains declared crosswise on every layer
    List<NodeSpec> nodes = List.of(
        node("a1"), node("b1"),
        node("b2", "b1"), node("a2", "a1"),
        node("a3", "b2"), node("b3", "a2"),
        node("a4", "b3"), node("b4", "a3"));
    assertThat(crossingsInDeclarationOrder(nodes)).isPositive();

    DagLayout layout = DagLayout.of(Dag.of(nodes));

    assertThat(layout.crossings()).isZero();
    assertThat(bruteForceCrossings(layout)).isZero();
  }

  @Test
  void unavoidableCrossingsAreCounted() {
    // both of c and d depend on both of a and b: a->d and b->c cross whatever the order
    DagLayout layout = DagLayout.of(Dag.of(List.of(
        node("a"), node("b"), node("c", "a", "b"), node("d", "a", "b"))));

    assertThat(layout.crossings()).isEqualTo(1);
    assertThat(bruteForceCrossings(layout)).isEqualTo(1);
  }

  @Test
  void crossingCountMatchesABruteForceCountOnARandomGraph() {
    DagLayout layout = DagLayout.of(Dag.of(randomDag(400, 3, 30, new Random(7))));

    assertThat(layout.crossings()).isEqualTo(bruteForceCrossings(layout));
  }

  @Test
  void barycenterReducesTheCrossingsOfARandomGraph() {
    List<NodeSpec> nodes = randomDag(400, 3, 30, new Random(11));

    DagLayout layout = DagLayout.of(Dag.of(nodes));

    assertThat(layout.crossings()).isLessThan(crossingsInDeclarationOrder(nodes));
  }

  @Test
  void sameGraphGivesTheSameLayout() {
    List<NodeSpec> nodes = randomDag(1_000, 2, 40, new Random(3));

    DagLayout first = DagLayout.of(Dag.of(nodes));
    DagLayout second = DagLayout.of(Dag.of(randomDag(1_000, 2, 40, new Random(3))));

    assertThat(second).isEqualTo(first);
    assertThat(second.layers()).isEqualTo(first.layers());
    assertThat(second.edges()).isEqualTo(first.edges());
    assertThat(second.crossings()).isEqualTo(first.crossings());
  }

  @Test
  void anotherDeclarationOrderGivesTheSameLayersAndAValidOrder() {
    List<NodeSpec> nodes = randomDag(1_000, 2, 40, new Random(5));
    List<NodeSpec> shuffled = new ArrayList<>(nodes);
    Collections.shuffle(shuffled, new Random(9));

    DagLayout layout = DagLayout.of(Dag.of(nodes));
    DagLayout other = DagLayout.of(Dag.of(shuffled));

    assertValid(other, shuffled.size());
    for (NodeSpec node : nodes) {
      if (other.layerOf(node.getName()) != layout.layerOf(node.getName())) {
        assertThat(other.layerOf(node.getName())).as(node.getName()).isEqualTo(layout.layerOf(node.getName()));
      }
    }
    assertThat(new HashSet<>(other.edges())).isEqualTo(new HashSet<>(layout.edges()));
  }

  @Test
  void fiveThousandRandomNodesLayOutWithEveryEdgeGoingForward() {
    Dag dag = Dag.of(randomDag(5_000, 2, 200, new Random(42)));

    DagLayout layout = DagLayout.of(dag);

    assertValid(layout, 5_000);
    assertThat(layout.edges()).hasSizeGreaterThan(9_000);
  }

  @Test
  void fiveThousandNodeChainAndWideGraphLayOutInOneColumnPerNodeAndThreeColumns() {
    DagLayout chain = DagLayout.of(Dag.of(Nodes.chain(5_000)));
    DagLayout wide = DagLayout.of(Dag.of(Nodes.wide(5_000)));

    assertValid(chain, 5_000);
    assertThat(chain.layers()).hasSize(5_000);
    assertValid(wide, 5_000);
    assertThat(wide.layers()).hasSize(3);
    assertThat(wide.layers().get(1)).hasSize(4_998);
  }

  @Test
  void aCycleStillGetsALayoutWithEveryNodeOnce() {
    DagLayout layout = DagLayout.of(Dag.of(List.of(
        node("a", "b"), node("b", "a"), node("c", "a"), node("self", "self"), node("root"))));

    assertThat(layout.layers().stream().mapToInt(List::size).sum()).isEqualTo(5);
    assertThat(layout.layerOf("root")).isZero();
    assertThat(layout.layerOf("self")).isZero();
    assertThat(layout.layerOf("c")).isGreaterThan(layout.layerOf("a"));
    assertThat(layout.edges()).doesNotContain(new Edge("self", "self"));
  }

  @Test
  void anEmptyGraphHasNoLayers() {
    DagLayout layout = DagLayout.of(Dag.of(List.of()));

    assertThat(layout.layers()).isEmpty();
    assertThat(layout.edges()).isEmpty();
    assertThat(layout.crossings()).isZero();
    assertThat(layout.size()).isZero();
  }

  /** Every node exactly once, positions match the layer lists, every edge from a lower to a higher layer. */
  private static void assertValid(DagLayout layout, int size) {
    List<String> problems = new ArrayList<>(); // collected, not asserted one by one: 5,000 nodes
    Set<String> seen = new HashSet<>();
    List<List<String>> layers = layout.layers();
    for (int l = 0; l < layers.size(); l++) {
      if (layers.get(l).isEmpty()) {
        problems.add("layer " + l + " is empty");
      }
      for (int p = 0; p < layers.get(l).size(); p++) {
        String name = layers.get(l).get(p);
        if (!seen.add(name)) {
          problems.add(name + " twice");
        }
        if (layout.layerOf(name) != l || layout.positionOf(name) != p) {
          problems.add(name + " at " + l + "/" + p + " says " + layout.layerOf(name) + "/" + layout.positionOf(name));
        }
      }
    }
    for (Edge edge : layout.edges()) {
      if (layout.layerOf(edge.from()) >= layout.layerOf(edge.to())) {
        problems.add(edge + " does not go forward");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(seen).hasSize(size);
    assertThat(layout.size()).isEqualTo(size);
  }

  /** Counts crossings by comparing every pair of edges joining the same two layers. */
  private static int bruteForceCrossings(DagLayout layout) {
    return crossings(layout, layout::positionOf);
  }

  /** The crossings of the same layers kept in declaration order, as a layout without sweeps would have. */
  private static int crossingsInDeclarationOrder(List<NodeSpec> nodes) {
    List<String> declared = nodes.stream().map(NodeSpec::getName).toList();
    return crossings(DagLayout.of(Dag.of(nodes)), declared::indexOf);
  }

  /** Pairs of edges between the same two layers whose ends are in opposite order under {@code position}. */
  private static int crossings(DagLayout layout, ToIntFunction<String> position) {
    List<Edge> edges = layout.edges();
    int count = 0;
    for (int i = 0; i < edges.size(); i++) {
      for (int j = i + 1; j < edges.size(); j++) {
        Edge e = edges.get(i);
        Edge f = edges.get(j);
        if (layout.layerOf(e.from()) == layout.layerOf(f.from())
            && layout.layerOf(e.to()) == layout.layerOf(f.to())) {
          int sources = Integer.compare(position.applyAsInt(e.from()), position.applyAsInt(f.from()));
          int targets = Integer.compare(position.applyAsInt(e.to()), position.applyAsInt(f.to()));
          if (sources * targets < 0) {
            count++;
          }
        }
      }
    }
    return count;
  }

  /**
   * {@code size} nodes, each depending on up to {@code fanIn} distinct nodes among the {@code window}
   * declared just before it.
   */
  private static List<NodeSpec> randomDag(int size, int fanIn, int window, Random random) {
    List<NodeSpec> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      List<String> dependsOn = new ArrayList<>();
      for (int k = 0; k < fanIn && i > 0; k++) {
        String dependency = "n" + (i - 1 - random.nextInt(Math.min(i, window)));
        if (!dependsOn.contains(dependency)) {
          dependsOn.add(dependency);
        }
      }
      nodes.add(node("n" + i, dependsOn.toArray(String[]::new)));
    }
    return nodes;
  }
}
