package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.PipelineRun;
import io.flowline.kube.FlowlineLabels;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A run's Jobs and pods from the informer caches, with live reads where the cache may lag behind. */
final class InformerClusterView implements ClusterView {
  private static final Comparator<Pod> BY_CREATION =
      Comparator.comparing(pod -> String.valueOf(pod.getMetadata().getCreationTimestamp()));

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, Job> jobs;
  private final Map<String, Pod> newestPodByJob;
  private final Optional<String> scheduledNode;

  InformerClusterView(KubernetesClient client, PipelineRun run, Set<Job> cachedJobs, Set<Pod> cachedPods) {
    this.client = client;
    this.namespace = run.getMetadata().getNamespace();
    this.jobs = cachedJobs.stream().collect(Collectors.toMap(j -> j.getMetadata().getName(), Function.identity(),
        (a, b) -> a));
    this.newestPodByJob = cachedPods.stream()
        .filter(pod -> pod.getMetadata().getLabels().get(FlowlineLabels.JOB_NAME) != null)
        .collect(Collectors.toMap(pod -> pod.getMetadata().getLabels().get(FlowlineLabels.JOB_NAME),
            Function.identity(), BinaryOperator.maxBy(BY_CREATION)));
    this.scheduledNode = cachedPods.stream()
        .filter(pod -> pod.getSpec() != null && pod.getSpec().getNodeName() != null)
        .min(BY_CREATION)
        .map(pod -> pod.getSpec().getNodeName());
  }

  @Override
  public Optional<String> scheduledNode() {
    return scheduledNode;
  }

  @Override
  public Optional<Job> job(String name, boolean fresh) {
    Job cached = jobs.get(name);
    if (cached != null || !fresh) {
      return Optional.ofNullable(cached);
    }
    return Optional.ofNullable(client.batch().v1().jobs().inNamespace(namespace).withName(name).get());
  }

  @Override
  public Optional<String> podCreationFailure(String jobName) {
    return client.v1().events().inNamespace(namespace)
        .withField("involvedObject.kind", "Job")
        .withField("involvedObject.name", jobName)
        .withField("reason", "FailedCreate")
        .list().getItems().stream()
        .max(Comparator.comparing(event -> String.valueOf(event.getLastTimestamp())))
        .map(Event::getMessage);
  }

  @Override
  public Collection<Job> cachedJobs() {
    return jobs.values();
  }

  @Override
  public Pod pod(String jobName, boolean fresh) {
    if (fresh) {
      return client.pods().inNamespace(namespace).withLabel(FlowlineLabels.JOB_NAME, jobName).list().getItems()
          .stream().max(BY_CREATION).orElse(null);
    }
    return newestPodByJob.get(jobName);
  }
}
