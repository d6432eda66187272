package io.flowline.cli.render;

import io.flowline.engine.PipelineNodes;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A run's DAG as a tree with a row per node: phase, attempt, duration, and outputs or the failure message. Each
 * node hangs under its first dependency; under every further dependency a reference row ({@code -> see under b})
 * stands for it, so every edge of the graph is visible and no node is listed twice. The children of a forEach node
 * ({@code <node>-<i>}) hang under it, before its dependents.
 *
 * <pre>
 * NODE        PHASE       ATTEMPT   DURATION   DETAILS
 * a           Succeeded   1         3s         rows=7
 * ├── b       Succeeded   1         2s         val=x
 * │   └── d   Running     2         5s
 * └── c       Failed      3         1s         exit code 3: boom
 *     └── d                                    (see under b)
 * </pre>
 */
public final class DagTree {
  private static final int MESSAGE_WIDTH = 100;

  private final Map<String, NodeSpec> specs = new LinkedHashMap<>();
  private final Map<String, NodeStatus> statuses = new LinkedHashMap<>();
  private final Map<String, List<Edge>> children = new LinkedHashMap<>();
  private final Map<String, List<String>> items = new LinkedHashMap<>();
  private final Instant now;
  private final Table table = new Table("NODE", "PHASE", "ATTEMPT", "DURATION", "DETAILS");
  private final Set<String> shown = new HashSet<>();

  private record Edge(String child, boolean primary, String primaryParent) {
  }

  private DagTree(PipelineSpec dag, List<NodeStatus> nodes, Instant now) {
    this.now = now;
    if (dag != null) {
      PipelineNodes.all(dag).forEach(node -> specs.putIfAbsent(node.getName(), node));
    }
    nodes.forEach(node -> statuses.put(node.getName(), node));
    nodes.stream().filter(node -> node.getParent() != null)
        .forEach(node -> items.computeIfAbsent(node.getParent(), p -> new ArrayList<>()).add(node.getName()));
  }

  /** The tree as text; nodes in status that the DAG lacks (or every node, without a DAG) are listed at the end. */
  public static String render(PipelineSpec dag, List<NodeStatus> nodes, Instant now) {
    return new DagTree(dag, nodes, now).build();
  }

  private String build() {
    List<String> roots = new ArrayList<>();
    specs.values().forEach(node -> {
      List<String> parents = node.getDependsOn().stream().filter(specs::containsKey).distinct().toList();
      if (parents.isEmpty()) {
        roots.add(node.getName());
      }
      for (int i = 0; i < parents.size(); i++) {
        children.computeIfAbsent(parents.get(i), p -> new ArrayList<>())
            .add(new Edge(node.getName(), i == 0, parents.get(0)));
      }
    });
    roots.forEach(root -> visit(root, "", ""));
    statuses.keySet().stream().filter(name -> !shown.contains(name)).forEach(name -> row("", name));
    return table.render();
  }

  private void visit(String name, String lead, String childLead) {
    if (!shown.add(name)) {
      return; // a cycle in an invalid spec: show each node once
    }
    row(lead, name);
    List<String> itemNodes = items.getOrDefault(name, List.of());
    List<Edge> edges = children.getOrDefault(name, List.of());
    for (int i = 0; i < itemNodes.size(); i++) {
      boolean last = i == itemNodes.size() - 1 && edges.isEmpty();
      row(childLead + (last ? "└── " : "├── "), itemNodes.get(i));
    }
    for (int i = 0; i < edges.size(); i++) {
      Edge edge = edges.get(i);
      boolean last = i == edges.size() - 1;
      String branch = childLead + (last ? "└── " : "├── ");
      String below = childLead + (last ? "    " : "│   ");
      if (edge.primary()) {
        visit(edge.child(), branch, below);
      } else {
        table.row(branch + edge.child(), "", "", "", "(see under " + edge.primaryParent() + ")");
      }
    }
  }

  private void row(String lead, String name) {
    shown.add(name);
    NodeStatus status = statuses.get(name);
    if (status == null) {
      table.row(lead + name, "Pending", "", "", "");
      return;
    }
    table.row(lead + name,
        status.getPhase() == null ? "" : status.getPhase().name(),
        status.getAttempt() > 0 ? Integer.toString(status.getAttempt()) : "",
        TimeText.between(status.getStartTime(), status.getCompletionTime(), now),
        details(status));
  }

  /** Outputs as name=value, then the message (or reason) of a node that has one. */
  static String details(NodeStatus status) {
    List<String> parts = new ArrayList<>();
    if (!status.getOutputs().isEmpty()) {
      parts.add(status.getOutputs().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(" ")));
    }
    String message = status.getMessage() != null && !status.getMessage().isBlank() ? status.getMessage()
        : status.getReason();
    if (message != null && !message.isBlank()) {
      parts.add(oneLine(message));
    }
    return String.join("  ", parts);
  }

  private static String oneLine(String text) {
    String line = text.strip().replaceAll("\\s*\\R\\s*", " | ");
    return line.length() <= MESSAGE_WIDTH ? line : line.substring(0, MESSAGE_WIDTH - 3) + "...";
  }
}
