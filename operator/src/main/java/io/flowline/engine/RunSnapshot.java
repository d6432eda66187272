package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import java.time.Duration;
import java.time.Instant;
import io.flowline.api.ParamValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/** The frozen definition a started run executes, with what planning derives from it once per step. */
public final class RunSnapshot {
  private final String runName;
  private final PipelineSpec spec;
  private final Dag dag;
  private final Map<String, NodeSpec> nodesByName = new LinkedHashMap<>();
  private final Instant startTime;
  private final Duration timeout;
  private final RunOutcome stop;
  private final DesiredRunState desired;
  private final List<String> skipNodes;
  private final List<ParamValue> params;
  private final Map<String, NodeSpec> children = new HashMap<>();

  public RunSnapshot(String runName, PipelineSpec spec, Instant startTime) {
    this(runName, spec, startTime, DesiredRunState.Running, null, List.of());
  }

  public RunSnapshot(String runName, PipelineSpec spec, Instant startTime, DesiredRunState desired,
      RunOutcome stop) {
    this(runName, spec, startTime, desired, stop, List.of());
  }

  /**
   * @param desired the run's spec.state (null = Running): the one live field next to the frozen definition
   * @param stop how the run must end now, decided outside its own nodes (another run replaced it); null = it goes on
   * @param skipNodes the run's spec.skipNodes, live like {@code desired}
   */
  public RunSnapshot(String runName, PipelineSpec spec, Instant startTime, DesiredRunState desired,
      RunOutcome stop, List<String> skipNodes) {
    this(runName, spec, startTime, desired, stop, skipNodes, List.of());
  }

  /** @param params the run's resolved pipeline params (status.params): what a forEach over a param reads */
  public RunSnapshot(String runName, PipelineSpec spec, Instant startTime, DesiredRunState desired,
      RunOutcome stop, List<String> skipNodes, List<ParamValue> params) {
    this.params = params == null ? List.of() : List.copyOf(params);
    this.skipNodes = skipNodes == null ? List.of() : List.copyOf(new LinkedHashSet<>(skipNodes));
    this.desired = desired == null ? DesiredRunState.Running : desired;
    this.stop = stop;
    this.runName = runName;
    this.spec = spec;
    this.dag = Dag.of(spec.getNodes());
    for (NodeSpec node : spec.getNodes()) {
      nodesByName.putIfAbsent(node.getName(), node);
    }
    this.startTime = startTime;
    this.timeout = GoDuration.parse(spec.getTimeout());
  }

  public String runName() { return runName; }
  public PipelineSpec spec() { return spec; }
  public Dag dag() { return dag; }
  public Instant startTime() { return startTime; }
  /** ZERO means no run timeout. */
  public Duration timeout() { return timeout; }

  public Optional<RunOutcome> stop() { return Optional.ofNullable(stop); }
  public DesiredRunState desired() { return desired; }
  /** Distinct, in the order the user listed them. */
  public List<String> skipNodes() { return skipNodes; }

  public List<ParamValue> params() { return params; }

  /**
   * The node of that name: a node of the spec, or a child {@code <node>-<i>} of a forEach node, which runs as its
   * parent does (same image, retry, allowFailure ...) under its own name.
   */
  public NodeSpec node(String name) {
    NodeSpec node = nodesByName.get(name);
    if (node != null || name == null) {
      return node;
    }
    return ForEachChildren.parse(name)
        .filter(child -> isForEach(nodesByName.get(child.parent())))
        .map(child -> children.computeIfAbsent(name, ignored -> childOf(nodesByName.get(child.parent()), name)))
        .orElse(null);
  }

  /** Whether the node fans out over items (its children run, not the node). */
  public static boolean isForEach(NodeSpec node) {
    return node != null && node.getForEach() != null;
  }

  private static NodeSpec childOf(NodeSpec parent, String name) {
    NodeSpec child = SpecCopies.copy(parent);
    child.setName(name);
    child.setForEach(null);
    child.setMaxParallel(null);
    return child;
  }

  public int nodeCount() {
    return nodesByName.size();
  }
}
