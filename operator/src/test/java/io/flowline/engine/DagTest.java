package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.flowline.api.NodeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagTest {
  // extract -> (clean, count) -> load; report stands alone
  private final Dag diamond = Dag.of(List.of(
      node("extract"),
      node("clean", "extract"),
      node("count", "extract"),
      node("load", "clean", "count"),
      node("report")));

  @Test
  void rootsAreNodesWithoutDependenciesInDeclarationOrder() {
    assertThat(diamond.roots()).containsExactly("extract", "report");
  }

  @Test
  void dependenciesFollowDependsOnAndDependentsFollowDeclaration() {
    assertThat(diamond.dependencies("load")).containsExactly("clean", "count");
    assertThat(diamond.dependents("extract")).containsExactly("clean", "count");
    assertThat(diamond.dependencies("extract")).isEmpty();
    assertThat(diamond.dependents("load")).isEmpty();
  }

  @Test
  void ancestorsAndDescendantsAreTransitive() {
    assertThat(diamond.ancestors("load")).containsExactly("extract", "clean", "count");
    assertThat(diamond.descendants("extract")).containsExactly("clean", "count", "load");
    assertThat(diamond.ancestors("extract")).isEmpty();
    assertThat(diamond.descendants("report")).isEmpty();
  }

  @Test
  void answersEmptyForNamesThatAreNotNodes() {
    assertThat(diamond.dependencies("nope")).isEmpty();
    assertThat(diamond.dependents("nope")).isEmpty();
    assertThat(diamond.ancestors("nope")).isEmpty();
    assertThat(diamond.descendants(null)).isEmpty();
  }

  @Test
  void ignoresUnknownAndRepeatedDependencies() {
    Dag dag = Dag.of(List.of(node("a"), node("b", "a", "ghost", "a", null)));
    assertThat(dag.dependencies("b")).containsExactly("a");
    assertThat(dag.dependents("a")).containsExactly("b");
    assertThat(dag.roots()).containsExactly("a");
  }

  @Test
  void keepsTheFirstNodeOfADuplicatedName() {
    Dag dag = Dag.of(List.of(node("a"), node("b"), node("a", "b")));
    assertThat(dag.dependencies("a")).isEmpty();
    assertThat(dag.topologicalOrder()).containsExactly("a", "b");
  }

  @Test
  void skipsNullNodesAndNodesWithoutName() {
    List<NodeSpec> nodes = new ArrayList<>(Arrays.asList(node("a"), null, node(null, "a"), node("b", "a")));
    Dag dag = Dag.of(nodes);
    assertThat(dag.topologicalOrder()).containsExactly("a", "b");
    assertThat(Dag.of(null).roots()).isEmpty();
  }

  @Test
  void topologicalOrderKeepsDeclarationOrderWhenItIsValid() {
    assertThat(diamond.topologicalOrder()).containsExactly("extract", "clean", "count", "load", "report");
  }

  @Test
  void topologicalOrderPutsDependenciesFirstAndBreaksTiesByDeclaration() {
    Dag dag = Dag.of(List.of(node("load", "extract"), node("z"), node("extract"), node("a", "load")));
    assertThat(dag.topologicalOrder()).containsExactly("z", "extract", "load", "a");
  }

  @Test
  void topologicalOrderLeavesOutCyclesAndWhatDependsOnThem() {
    Dag dag = Dag.of(List.of(node("a", "b"), node("b", "a"), node("c", "a"), node("d")));
    assertThat(dag.topologicalOrder()).containsExactly("d");
  }

  @Test
  void findsNoCycleInADag() {
    assertThat(diamond.findCycle()).isEmpty();
  }

  @Test
  void findsACycleStartingAtItsFirstDeclaredNode() {
    // b depends on c, c on a, a on b: "a -> b -> c" reads "a depends on b, which depends on c, ..."
    Dag dag = Dag.of(List.of(node("x"), node("b", "c"), node("c", "a"), node("a", "b", "x")));
    assertThat(dag.findCycle()).contains(List.of("b", "c", "a"));
  }

  @Test
  void findsACycleOnlyReachableDeepInTheGraph() {
    Dag dag = Dag.of(List.of(node("a"), node("b", "a", "d"), node("c", "b"), node("d", "c")));
    assertThat(dag.findCycle()).contains(List.of("b", "d", "c"));
  }

  @Test
  void reportsASelfDependencyAsACycleOfOneUnlessAskedToIgnoreIt() {
    Dag dag = Dag.of(List.of(node("a", "a"), node("b", "c"), node("c", "b")));
    assertThat(dag.findCycle()).contains(List.of("a"));
    assertThat(dag.findCycle(true)).contains(List.of("b", "c"));
    assertThat(dag.ancestors("a")).containsExactly("a");
  }

  @Test
  void givesEveryNodeOfACycleTheWholeCycleAsAncestorsAndDescendants() {
    Dag dag = Dag.of(List.of(node("a"), node("b", "a", "c"), node("c", "b"), node("d", "c"), node("e")));
    assertThat(dag.ancestors("b")).containsExactly("a", "b", "c");
    assertThat(dag.ancestors("c")).containsExactly("a", "b", "c");
    assertThat(dag.ancestors("d")).containsExactly("a", "b", "c");
    assertThat(dag.descendants("a")).containsExactly("b", "c", "d");
    assertThat(dag.descendants("c")).containsExactly("b", "c", "d");
    assertThat(dag.ancestors("e")).isEmpty();
  }

  @Test
  void handlesACycleThrough5000Nodes() {
    List<NodeSpec> nodes = Nodes.wide(5000);
    nodes.get(0).setDependsOn(List.of("sink"));
    Dag dag = Dag.of(nodes);
    for (int i = 1; i < 4999; i++) {
      assertThat(dag.isAncestor("root", "m" + i)).isTrue();
    }
    assertThat(dag.ancestors("m1")).hasSize(5000);
    assertThat(dag.descendants("sink")).hasSize(5000);
    assertThat(dag.topologicalOrder()).isEmpty();
  }

  @Test
  void handlesAChainOf5000Nodes() {
    Dag dag = Dag.of(Nodes.chain(5000));
    assertThat(dag.findCycle()).isEmpty();
    assertThat(dag.topologicalOrder()).hasSize(5000).startsWith("n0", "n1").endsWith("n4999");
    assertThat(dag.roots()).containsExactly("n0");
    assertThat(dag.ancestors("n4999")).hasSize(4999).contains("n0");
    assertThat(dag.descendants("n0")).hasSize(4999).contains("n4999");
    for (int i = 1; i < 5000; i++) {
      assertThat(dag.isAncestor("n" + (i - 1), "n" + i)).isTrue();
    }
    assertThat(dag.isAncestor("n4999", "n0")).isFalse();
  }

  @Test
  void handlesA5000NodeWideGraph() {
    Dag dag = Dag.of(Nodes.wide(5000));
    assertThat(dag.findCycle()).isEmpty();
    assertThat(dag.dependents("root")).hasSize(4998);
    assertThat(dag.dependencies("sink")).hasSize(4998);
    assertThat(dag.ancestors("sink")).hasSize(4999);
    assertThat(dag.topologicalOrder()).hasSize(5000).startsWith("root", "m1").endsWith("sink");
  }

  @Test
  void findsALongCycleWithoutOverflowingTheStack() {
    List<NodeSpec> nodes = Nodes.chain(5000);
    nodes.get(0).setDependsOn(List.of("n4999"));
    List<String> cycle = Dag.of(nodes).findCycle().orElseThrow();
    assertThat(cycle).hasSize(5000).startsWith("n0", "n4999", "n4998");
  }
}
