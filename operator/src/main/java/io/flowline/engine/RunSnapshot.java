package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import java.time.Duration;
import java.time.Instant;
import io.flowline.api.ParamValue;
import java.util.HashMap;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;

/** The frozen definition a started run executes, with what planning derives from it once per step. */
public final class RunSnapshot {
  public static final Duration DEFAULT_FINALLY_TIMEOUT = Duration.ofMinutes(10);
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
  private final Set<String> finallyNames = new HashSet<>();
  private final Duration finallyTimeout;
  private final FinallyState finallyState;
  private final RunValues values;

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
    this(runName, spec, startTime, desired, stop, skipNodes, params, null, null);
  }

  private RunSnapshot(String runName, PipelineSpec spec, Instant startTime, DesiredRunState desired,
      RunOutcome stop, List<String> skipNodes, List<ParamValue> params, FinallyState finallyState,
      RunValues values) {
    this.params = params == null ? List.of() : List.copyOf(params);
    this.finallyState = finallyState;
    this.values = values == null ? RunValues.named(runName) : values;
    this.skipNodes = skipNodes == null ? List.of() : List.copyOf(new LinkedHashSet<>(skipNodes));
    this.desired = desired == null ? DesiredRunState.Running : desired;
    this.stop = stop;
    this.runName = runName;
    this.spec = spec;
    List<NodeSpec> all = PipelineNodes.all(spec);
    this.dag = Dag.of(all);
    for (NodeSpec node : all) {
      nodesByName.putIfAbsent(node.getName(), node);
    }
    Set<String> mainNames = new HashSet<>();
    spec.getNodes().forEach(node -> mainNames.add(node.getName()));
    for (NodeSpec node : spec.getFinallyNodes()) {
      // A name on both lists (refused by the validator) is a main node: the first declaration wins.
      if (node != null && !mainNames.contains(node.getName())) {
        finallyNames.add(node.getName());
      }
    }
    this.startTime = startTime;
    this.timeout = GoDuration.parse(spec.getTimeout());
    this.finallyTimeout = spec.getFinallyTimeout() == null || spec.getFinallyTimeout().isBlank()
        ? DEFAULT_FINALLY_TIMEOUT : GoDuration.parse(spec.getFinallyTimeout());
  }

  /** The same run once its finally part has begun (null: it has not). */
  public RunSnapshot withFinally(FinallyState state) {
    return new RunSnapshot(runName, spec, startTime, desired, stop, skipNodes, params, state, values);
  }

  /** The same run with the values its nodes' substitutions and conditions read. */
  public RunSnapshot withValues(RunValues runValues) {
    return new RunSnapshot(runName, spec, startTime, desired, stop, skipNodes, params, finallyState, runValues);
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

  /** ZERO means no bound. */
  public Duration finallyTimeout() { return finallyTimeout; }
  /** Null while the main part runs. */
  public FinallyState finallyState() { return finallyState; }
  public RunValues values() { return values; }

  public boolean hasFinally() {
    return !finallyNames.isEmpty();
  }

  /** A finally node, or a child of a forEach finally node. */
  public boolean isFinally(String name) {
    return finallyNames.contains(name) || name != null && !nodesByName.containsKey(name)
        && ForEachChildren.parse(name).map(child -> finallyNames.contains(child.parent())).orElse(false);
  }

  /**
   * The node of that name: a main or finally node of the spec, or a child {@code <node>-<i>} of a forEach node,
   * which runs as its parent does (same image, retry, allowFailure ...) under its own name.
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

  /** Main and finally nodes: progress counts them all. */
  public int nodeCount() {
    return nodesByName.size();
  }
}
