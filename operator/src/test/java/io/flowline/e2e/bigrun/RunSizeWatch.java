package io.flowline.e2e.bigrun;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Watches one PipelineRun and measures every version of it the API server stores: each ADDED or MODIFIED event's
 * object, the whole of it (metadata with managedFields, spec, status), serialized to JSON. The API server sends
 * every write to a watcher that keeps up (this one only measures), so this sees each write; should the watch
 * still expire (410 Gone), it resumes from a fresh read, counts the restart and measures that read as well.
 */
public final class RunSizeWatch implements AutoCloseable {
  /** One observed version of the run. */
  public record Sample(String resourceVersion, int bytes, String phase) {
  }

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final int limitBytes;
  private final List<Sample> oversized = new ArrayList<>();
  private final AtomicInteger restarts = new AtomicInteger();
  private int writes;
  private Sample largest;
  private GenericKubernetesResource latest;
  private Watch watch;
  private volatile boolean closed;

  /** Versions of {@code limitBytes} or more are kept as {@link #oversized()}. */
  public RunSizeWatch(KubernetesClient client, String namespace, String name, int limitBytes) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.limitBytes = limitBytes;
  }

  /** Starts before the run exists, so its creation is the first event. */
  public synchronized RunSizeWatch start() {
    watch = run().watch(new ListOptionsBuilder().build(), new SizeWatcher());
    return this;
  }

  /** Measures a version read outside the watch (the final read), unless the watch already saw it. */
  public synchronized void record(GenericKubernetesResource run) {
    if (run == null) {
      return;
    }
    String version = run.getMetadata().getResourceVersion();
    if (latest != null && version.equals(latest.getMetadata().getResourceVersion())) {
      return;
    }
    measure(run);
  }

  /** Versions seen (one per write of the run: create, status and metadata updates). */
  public synchronized int writes() {
    return writes;
  }

  public synchronized Sample largest() {
    return largest;
  }

  public synchronized List<Sample> oversized() {
    return List.copyOf(oversized);
  }

  /** The newest version seen; null before the run exists. */
  public synchronized GenericKubernetesResource latest() {
    return latest;
  }

  /** Watches that had to be started again after the API server expired them; each may hide a version. */
  public int restarts() {
    return restarts.get();
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (watch != null) {
      watch.close();
    }
  }

  private Resource<GenericKubernetesResource> run() {
    return client.genericKubernetesResources(BigRunIT.API_VERSION, "PipelineRun").inNamespace(namespace)
        .withName(name);
  }

  private synchronized void measure(GenericKubernetesResource run) {
    int bytes = Serialization.asJson(run).getBytes(StandardCharsets.UTF_8).length;
    Sample sample = new Sample(run.getMetadata().getResourceVersion(), bytes, phase(run));
    writes++;
    if (largest == null || bytes > largest.bytes()) {
      largest = sample;
    }
    if (bytes >= limitBytes) {
      oversized.add(sample);
    }
    latest = run;
  }

  public static String phase(GenericKubernetesResource run) {
    Object status = run.getAdditionalProperties().get("status");
    if (status instanceof Map<?, ?> map && map.get("phase") != null) {
      return String.valueOf(map.get("phase"));
    }
    return "";
  }

  private final class SizeWatcher implements Watcher<GenericKubernetesResource> {
    @Override
    public void eventReceived(Action action, GenericKubernetesResource run) {
      if (action == Action.ADDED || action == Action.MODIFIED) {
        measure(run);
      }
    }

    @Override
    public void onClose(WatcherException cause) {
      // The client resumes a dropped connection by itself; it gives up (and calls this) on 410 Gone.
      synchronized (RunSizeWatch.this) {
        if (closed) {
          return;
        }
        restarts.incrementAndGet();
        GenericKubernetesResource fresh = run().get();
        record(fresh);
        String from = fresh == null ? null : fresh.getMetadata().getResourceVersion();
        watch = run().watch(new ListOptionsBuilder().withResourceVersion(from).build(), this);
      }
    }
  }
}
