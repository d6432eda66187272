package io.flowline.dashboard;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link DashboardData} over objects a test (or the benchmark) puts in, as the informer caches would hold them. */
public final class InMemoryDashboardData implements DashboardData {
  private final Map<String, Pipeline> pipelines = new ConcurrentHashMap<>();
  private final Map<String, PipelineRun> runs = new ConcurrentHashMap<>();
  private final Map<String, List<EventLine>> events = new ConcurrentHashMap<>();

  public InMemoryDashboardData add(Pipeline pipeline) {
    pipelines.put(key(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName()), pipeline);
    return this;
  }

  public InMemoryDashboardData add(PipelineRun run) {
    runs.put(key(run.getMetadata().getNamespace(), run.getMetadata().getName()), run);
    return this;
  }

  public InMemoryDashboardData events(PipelineRun run, List<EventLine> lines) {
    events.put(key(run.getMetadata().getNamespace(), run.getMetadata().getName()), lines);
    return this;
  }

  /** Parses YAML the way kubectl would send it. */
  public static <T> T yaml(String text, Class<T> type) {
    return Serialization.unmarshal(text, type);
  }

  private volatile boolean ready = true;

  /** As while the operator starts: its caches not filled yet. */
  public InMemoryDashboardData starting() {
    ready = false;
    return this;
  }

  @Override
  public boolean ready() {
    return ready;
  }

  @Override
  public List<Pipeline> pipelines() {
    return new ArrayList<>(pipelines.values());
  }

  @Override
  public Optional<Pipeline> pipeline(String namespace, String name) {
    return Optional.ofNullable(pipelines.get(key(namespace, name)));
  }

  @Override
  public List<PipelineRun> runs(String namespace) {
    return runs.values().stream().filter(run -> namespace.equals(run.getMetadata().getNamespace())).toList();
  }

  @Override
  public Optional<PipelineRun> run(String namespace, String name) {
    return Optional.ofNullable(runs.get(key(namespace, name)));
  }

  @Override
  public Optional<PipelineSpec> specOf(PipelineRun run) {
    if (run.getStatus() != null && run.getStatus().getPipelineSpec() != null) {
      return Optional.of(run.getStatus().getPipelineSpec());
    }
    if (run.getSpec().getPipelineSpec() != null) {
      return Optional.of(run.getSpec().getPipelineSpec());
    }
    return pipeline(run.getMetadata().getNamespace(), RunViews.pipelineOf(run)).map(Pipeline::getSpec);
  }

  @Override
  public List<NodeStatus> nodes(PipelineRun run) {
    return run.getStatus() == null ? List.of() : run.getStatus().getNodes();
  }

  @Override
  public List<EventLine> events(PipelineRun run) {
    return events.getOrDefault(key(run.getMetadata().getNamespace(), run.getMetadata().getName()), List.of());
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }
}
