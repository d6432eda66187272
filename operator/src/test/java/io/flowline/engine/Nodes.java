package io.flowline.engine;

import io.flowline.api.NodeSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds node lists for tests. */
public final class Nodes {
  private Nodes() {
  }

  public static NodeSpec node(String name, String... dependsOn) {
    NodeSpec node = new NodeSpec();
    node.setName(name);
    node.setImage("busybox:1.36");
    node.setDependsOn(new ArrayList<>(Arrays.asList(dependsOn)));
    return node;
  }

  /** n0 <- n1 <- ... : each node depends on the one before. */
  public static List<NodeSpec> chain(int size) {
    List<NodeSpec> nodes = new ArrayList<>(size);
    nodes.add(node("n0"));
    for (int i = 1; i < size; i++) {
      nodes.add(node("n" + i, "n" + (i - 1)));
    }
    return nodes;
  }

  /** One root, {@code size - 2} middle nodes depending on it, and one sink depending on all of them. */
  public static List<NodeSpec> wide(int size) {
    List<NodeSpec> nodes = new ArrayList<>(size);
    nodes.add(node("root"));
    List<String> middle = new ArrayList<>();
    for (int i = 1; i < size - 1; i++) {
      nodes.add(node("m" + i, "root"));
      middle.add("m" + i);
    }
    nodes.add(node("sink", middle.toArray(String[]::new)));
    return nodes;
  }
}
