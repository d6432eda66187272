package io.flowline.dashboard;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.flowline.engine.JobNames;
import io.flowline.kube.AttemptInspector;
import io.flowline.kube.FlowlineLabels;
import io.flowline.reconciler.RunCaches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The log of one node attempt, read from its pod: found in the operator's pod cache (no LIST), then streamed from
 * the API server while the container runs. A pod is deleted with its Job (history pruning, TTL, a rerun): then the
 * log is gone, and the sink is told so in plain words.
 */
final class PodLogs implements NodeLogs {
  /** How long a page waits for a container that has not started before it stops waiting. */
  static final Duration START_WAIT = Duration.ofMinutes(5);
  private static final Duration POLL = Duration.ofSeconds(1);
  private static final Duration POD_APPEARS = Duration.ofSeconds(5);
  private static final String CONTAINER = "main";

  private final Supplier<Optional<RunCaches>> caches;
  private final KubernetesClient client;

  PodLogs(Supplier<Optional<RunCaches>> caches, KubernetesClient client) {
    this.caches = caches;
    this.client = client;
  }

  @Override
  public void follow(String namespace, String run, String node, int attempt, LogSink sink) throws InterruptedException {
    if (attempt < 1) {
      sink.end("Node " + node + " has not started yet: reload this page once it runs.");
      return;
    }
    long waitUntil = System.nanoTime() + START_WAIT.toNanos();
    // A Job just created has no pod for a moment: only a pod missing for this long is gone.
    long goneAfter = System.nanoTime() + POD_APPEARS.toNanos();
    boolean told = false;
    while (!sink.closed()) {
      Optional<Pod> pod = find(namespace, run, node, attempt);
      if (pod.isEmpty() && System.nanoTime() < goneAfter) {
        Thread.sleep(POLL.toMillis()); // waiting for the Job controller, not synchronising: the cache shows the pod
        continue;
      }
      if (pod.isEmpty()) {
        sink.end("The pod of attempt " + attempt + " of node " + node + " is gone (its Job was deleted with the "
            + "run's history, by a TTL or by hand), and its log with it.");
        return;
      }
      if (AttemptInspector.containerStarted(pod.get())) {
        stream(pod.get(), sink);
        return;
      }
      if (System.nanoTime() > waitUntil) {
        sink.end("The container of pod " + pod.get().getMetadata().getName() + " has not started after "
            + START_WAIT.toMinutes() + " minutes; reload to wait again.");
        return;
      }
      if (!told) {
        sink.status("waiting for the container of pod " + pod.get().getMetadata().getName() + " to start");
        told = true;
      }
      Thread.sleep(POLL.toMillis()); // waiting for the kubelet, not synchronising: the cache shows the start
    }
  }

  private Optional<Pod> find(String namespace, String run, String node, int attempt) {
    Map<String, String> wanted = Map.of(FlowlineLabels.RUN, JobNames.labelValue(run),
        FlowlineLabels.NODE, JobNames.labelValue(node), FlowlineLabels.ATTEMPT, Integer.toString(attempt));
    return caches.get().flatMap(c -> c.pods().list(namespace, pod -> pod.getMetadata().getLabels() != null
            && pod.getMetadata().getLabels().entrySet().containsAll(wanted.entrySet()))
        .max(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp() == null ? ""
            : pod.getMetadata().getCreationTimestamp())));
  }


  private void stream(Pod pod, LogSink sink) {
    String name = pod.getMetadata().getName();
    PodResource resource = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(name);
    sink.status("following the log of pod " + name);
    try (LogWatch watch = resource.inContainer(CONTAINER).watchLog();
        BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(), StandardCharsets.UTF_8))) {
      // A quiet container would keep this thread waiting for its next line long after the browser left.
      sink.onClose(watch::close);
      for (String line = reader.readLine(); line != null && !sink.closed(); line = reader.readLine()) {
        sink.line(line);
      }
      sink.end("ended: the container of pod " + name + " finished");
    } catch (KubernetesClientException e) {
      String answer = e.getStatus() == null || e.getStatus().getMessage() == null ? e.getMessage()
          : e.getStatus().getMessage();
      sink.end(e.getCode() == 404 ? "The pod " + name + " is gone, and its log with it."
          : "The log of pod " + name + " is not available: the API server answered " + e.getCode() + ": " + answer);
    } catch (IOException e) {
      sink.end("The log of pod " + name + " broke off: " + e.getMessage());
    }
  }
}
