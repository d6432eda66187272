package io.flowline.engine;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import java.time.Duration;
import java.time.Instant;
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

  public NodeSpec node(String name) {
    return nodesByName.get(name);
  }

  public int nodeCount() {
    return nodesByName.size();
  }
}
