package io.flowline.dashboard;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.NodeTables;
import io.flowline.reconciler.RunCaches;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** {@link DashboardData} from the run reconciler's caches; empty until the operator has started them. */
public final class CachedDashboardData implements DashboardData {
  private final Supplier<Optional<RunCaches>> caches;
  private final BooleanSupplier started;
  private final KubernetesClient client;

  /** @param started whether the operator has started, and with it the informers behind {@code caches} */
  public CachedDashboardData(Supplier<Optional<RunCaches>> caches, BooleanSupplier started, KubernetesClient client) {
    this.caches = caches;
    this.started = started;
    this.client = client;
  }

  @Override
  public boolean ready() {
    return started.getAsBoolean() && caches.get().isPresent();
  }

  @Override
  public List<Pipeline> pipelines() {
    return caches.get().map(c -> c.pipelines().list().toList()).orElse(List.of());
  }

  @Override
  public Optional<Pipeline> pipeline(String namespace, String name) {
    return caches.get().flatMap(c -> c.pipelines().get(new ResourceID(name, namespace)));
  }

  @Override
  public List<PipelineRun> runs(String namespace) {
    return caches.get().map(c -> c.runs().list(namespace).toList()).orElse(List.of());
  }

  @Override
  public Optional<PipelineRun> run(String namespace, String name) {
    return caches.get().flatMap(c -> c.runs().get(new ResourceID(name, namespace)));
  }

  @Override
  public Optional<PipelineSpec> specOf(PipelineRun run) {
    if (run.getStatus() != null
        && (run.getStatus().getPipelineSpec() != null || run.getStatus().getPipelineSpecRef() != null)) {
      return caches.get().map(c -> c.snapshots().load(run, run.getStatus()));
    }
    if (run.getSpec() == null) {
      return Optional.empty();
    }
    if (run.getSpec().getPipelineSpec() != null) {
      return Optional.of(run.getSpec().getPipelineSpec());
    }
    return Optional.ofNullable(run.getSpec().getPipelineRef())
        .flatMap(ref -> pipeline(run.getMetadata().getNamespace(), ref.getName()))
        .map(Pipeline::getSpec);
  }

  @Override
  public List<NodeStatus> nodes(PipelineRun run) {
    if (run.getStatus() == null) {
      return List.of();
    }
    if (run.getStatus().getNodesRef().isEmpty()) {
      return run.getStatus().getNodes();
    }
    List<NodeStatus> offloaded = caches.get()
        .map(c -> c.nodeTables().load(run, run.getStatus().getNodesRef())).orElse(null);
    // A chunk deleted under the run: show what status still has rather than nothing.
    return NodeTables.merge(offloaded == null ? List.of() : offloaded, run.getStatus().getNodes());
  }

  @Override
  public List<EventLine> events(PipelineRun run) {
    return client.v1().events().inNamespace(run.getMetadata().getNamespace())
        .withField("involvedObject.uid", run.getMetadata().getUid())
        .list().getItems().stream()
        .map(CachedDashboardData::line)
        .sorted(Comparator.comparing(EventLine::lastTime, Comparator.nullsLast(Comparator.reverseOrder())))
        .toList();
  }

  private static EventLine line(Event event) {
    String time = event.getLastTimestamp() != null ? event.getLastTimestamp()
        : event.getEventTime() != null ? event.getEventTime().getTime()
        : event.getMetadata().getCreationTimestamp();
    return new EventLine(event.getType(), event.getReason(), event.getMessage(), time,
        event.getCount() == null ? 1 : event.getCount());
  }
}
