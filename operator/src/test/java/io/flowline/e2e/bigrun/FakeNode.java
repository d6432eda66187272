package io.flowline.e2e.bigrun;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Plays the kubelet and the Job controller on a control-plane-only cluster (the kit's {@code LOCAL_K8S_NODES=0}
 * mode), for every Job of the namespace labelled {@value #RUN_LABEL}: it creates the Job's pod the way the Job
 * controller does (the template's labels and annotations plus {@code job-name}, owned by the Job), writes the pod's
 * terminated {@code main} container with a termination message through the pod status subresource, as the kubelet
 * would, then marks the Job Complete through the Job status subresource. The pod status is written before the Job
 * status, as on a real cluster, so an operator that sees the Job complete finds the message.
 *
 * <p>Built to keep up with thousands of Jobs: one informer (one LIST at start, then a watch; never a LIST per
 * Job), a small pool of workers, three writes per Job. Transient API errors are retried; anything else is kept as
 * the first {@link #failure()} so the test can stop at once instead of waiting for a run that cannot end.
 *
 * <p>Also the node stand-in of the benchmark harness ({@code io.flowline.bench}): a {@link Listener} gets the
 * millisecond moments a Job is first seen, marked Complete and seen Complete; {@link #withDelay} holds each Job
 * for a while before it is played; {@link #withoutPod} skips the pod (no outputs, one write per Job).
 */
public final class FakeNode implements AutoCloseable {
  public static final String RUN_LABEL = "flowline.io/run";
  static final String JOB_NAME_LABEL = "job-name";
  static final String CONTAINER = "main";

  /** Millisecond moments (System.currentTimeMillis) of what this node does; called on its own threads. */
  public interface Listener {
    /** The Job's first event reached this node (its creation, as the informer delivered it). */
    default void seen(Job job, long epochMillis) {
    }

    /** This node's write of the Job's Complete status returned. */
    default void completed(Job job, long epochMillis) {
    }

    /** An event of the Job with a Complete or Failed condition reached this node. */
    default void seenFinished(Job job, long epochMillis) {
    }
  }
  private static final int ATTEMPTS = 8;

  private final KubernetesClient client;
  private final String namespace;
  private final Function<Job, String> terminationMessage;
  private final ExecutorService workers;
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger podsCreated = new AtomicInteger();
  private final AtomicInteger jobsCompleted = new AtomicInteger();
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicReference<String> failure = new AtomicReference<>();
  private SharedIndexInformer<Job> informer;
  private volatile Listener listener = new Listener() { };
  private volatile long delayMillis;
  private volatile boolean withPod = true;
  private final ScheduledExecutorService delays = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "fake-node-delay");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param terminationMessage what the Job's container writes to /dev/termination-log
   * @param workerCount parallel API writers; a handful saturates a local API server
   */
  public FakeNode(KubernetesClient client, String namespace, Function<Job, String> terminationMessage,
      int workerCount) {
    this.client = client;
    this.namespace = namespace;
    this.terminationMessage = terminationMessage;
    AtomicInteger threads = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(workerCount, runnable -> {
      Thread thread = new Thread(runnable, "fake-node-" + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Before {@link #start()}: who hears of each Job's moments. */
  public FakeNode withListener(Listener listener) {
    this.listener = listener;
    return this;
  }

  /** Before {@link #start()}: each Job is played this long after it was first seen (a node's run time). */
  public FakeNode withDelay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /** Before {@link #start()}: no pod, only the Job status (no termination message, hence no outputs). */
  public FakeNode withoutPod() {
    this.withPod = false;
    return this;
  }

  /** Starts watching; returns once the informer has listed the Jobs that already exist. */
  public FakeNode start() {
    informer = client.batch().v1().jobs().inNamespace(namespace).withLabel(RUN_LABEL)
        .inform(new ResourceEventHandler<>() {
          @Override
          public void onAdd(Job job) {
            offer(job);
          }

          @Override
          public void onUpdate(Job oldJob, Job newJob) {
            offer(newJob);
          }

          @Override
          public void onDelete(Job job, boolean deletedFinalStateUnknown) {
            // Nothing to do: its pod goes with it (owner reference).
          }
        }, 0);
    return this;
  }

  public int jobsSeen() {
    return claimed.size();
  }

  public int podsCreated() {
    return podsCreated.get();
  }

  public int jobsCompleted() {
    return jobsCompleted.get();
  }

  /** Writes that were repeated after a transient error or a conflict. */
  public int retries() {
    return retries.get();
  }

  /** The first Job this fake node could not finish, with the reason; null while all is well. */
  public String failure() {
    return failure.get();
  }

  @Override
  public void close() {
    if (informer != null) {
      informer.close();
    }
    delays.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs on the informer's thread: never blocks, each Job is handled once. */
  private void offer(Job job) {
    long now = System.currentTimeMillis();
    if (finished(job)) {
      listener.seenFinished(job, now);
      return;
    }
    if (!claimed.add(job.getMetadata().getUid())) {
      return;
    }
    listener.seen(job, now);
    Runnable task = () -> workers.execute(() -> {
      try {
        play(job);
      } catch (RuntimeException e) {
        failure.compareAndSet(null, "Job " + job.getMetadata().getName() + ": " + e);
      }
    });
    if (delayMillis > 0) {
      delays.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
    } else {
      task.run();
    }
  }

  private void play(Job job) {
    String jobName = job.getMetadata().getName();
    Instant finishedAt;
    if (withPod) {
      Pod pod = withRetries("create the pod of " + jobName, () -> createPod(job));
      finishedAt = now();
      withRetries("write the pod status of " + jobName, () -> writePodStatus(pod, job, finishedAt));
    } else {
      finishedAt = now();
    }
    withRetries("complete " + jobName, () -> completeJob(job, finishedAt));
    listener.completed(job, System.currentTimeMillis());
  }

  private Pod createPod(Job job) {
    String podName = job.getMetadata().getName() + "-fake";
    Map<String, String> labels = new HashMap<>(templateLabels(job));
    labels.put(JOB_NAME_LABEL, job.getMetadata().getName());
    labels.put("controller-uid", job.getMetadata().getUid());
    Pod pod = new PodBuilder()
        .withNewMetadata()
          .withName(podName)
          .withNamespace(namespace)
          .withLabels(labels)
          .withAnnotations(job.getSpec().getTemplate().getMetadata().getAnnotations())
          .withOwnerReferences(new OwnerReferenceBuilder()
              .withApiVersion("batch/v1").withKind("Job")
              .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid())
              .withController(true).withBlockOwnerDeletion(true).build())
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .build();
    Pod created;
    try {
      created = client.pods().inNamespace(namespace).resource(pod).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // An earlier attempt of ours got through before its answer was lost.
      created = client.pods().inNamespace(namespace).withName(podName).require();
    }
    podsCreated.incrementAndGet();
    return created;
  }

  private Pod writePodStatus(Pod created, Job job, Instant finishedAt) {
    Pod pod = new PodBuilder(created)
        .withNewStatus()
          .withPhase("Succeeded")
          .withStartTime(timestamp(finishedAt))
          .withContainerStatuses(new ContainerStatusBuilder()
              .withName(CONTAINER)
              .withImage(job.getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
              .withImageID("")
              .withReady(false)
              .withRestartCount(0)
              .withNewState().withNewTerminated()
                .withExitCode(0)
                .withReason("Completed")
                .withMessage(terminationMessage.apply(job))
                .withStartedAt(timestamp(finishedAt))
                .withFinishedAt(timestamp(finishedAt))
              .endTerminated().endState()
              .build())
        .endStatus()
        .build();
    try {
      return client.pods().inNamespace(namespace).resource(pod).updateStatus();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
      // Someone else (the API server's admission, a label change) moved the pod on: write onto the fresh copy.
      retries.incrementAndGet();
      Pod fresh = client.pods().inNamespace(namespace).withName(created.getMetadata().getName()).require();
      return writePodStatus(fresh, job, finishedAt);
    }
  }

  private Job completeJob(Job seen, Instant finishedAt) {
    Job job = seen;
    for (int conflict = 0; ; conflict++) {
      Job completed = new JobBuilder(job)
          .withNewStatus()
            .withStartTime(timestamp(job.getMetadata().getCreationTimestamp() == null ? finishedAt
                : Instant.parse(job.getMetadata().getCreationTimestamp())))
            .withCompletionTime(timestamp(finishedAt))
            .withSucceeded(1)
            .withConditions(new JobConditionBuilder()
                .withType("Complete").withStatus("True")
                .withLastProbeTime(timestamp(finishedAt)).withLastTransitionTime(timestamp(finishedAt))
                .build())
          .endStatus()
          .build();
      try {
        Job written = client.batch().v1().jobs().inNamespace(namespace).resource(completed).updateStatus();
        jobsCompleted.incrementAndGet();
        return written;
      } catch (KubernetesClientException e) {
        if (e.getCode() != 409 || conflict >= ATTEMPTS) {
          throw e;
        }
        retries.incrementAndGet();
        job = client.batch().v1().jobs().inNamespace(namespace).withName(seen.getMetadata().getName()).require();
        if (completed(job)) {
          // Our own write, retried by the client after its answer was lost.
          jobsCompleted.incrementAndGet();
          return job;
        }
        if (finished(job)) {
          throw new IllegalStateException("someone else failed Job " + job.getMetadata().getName()
              + " (is a Job controller running?): " + job.getStatus());
        }
      }
    }
  }

  /** Retries transient answers (429, 5xx, connection loss) with a growing pause; anything else fails the Job. */
  private <T> T withRetries(String what, java.util.function.Supplier<T> action) {
    for (int attempt = 1; ; attempt++) {
      try {
        return action.get();
      } catch (KubernetesClientException e) {
        boolean transientError = e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
        if (!transientError || attempt >= ATTEMPTS) {
          throw new IllegalStateException("cannot " + what + " (HTTP " + e.getCode() + "): " + e.getMessage(), e);
        }
        retries.incrementAndGet();
        try {
          Thread.sleep(100L << Math.min(attempt, 6));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while trying to " + what, interrupted);
        }
      }
    }
  }

  private static Map<String, String> templateLabels(Job job) {
    Map<String, String> labels = job.getSpec().getTemplate().getMetadata().getLabels();
    return labels == null ? Map.of() : labels;
  }

  private static boolean completed(Job job) {
    return job.getStatus() != null && job.getStatus().getConditions().stream()
        .anyMatch(c -> "Complete".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean finished(Job job) {
    if (job.getStatus() == null) {
      return false;
    }
    List<io.fabric8.kubernetes.api.model.batch.v1.JobCondition> conditions = job.getStatus().getConditions();
    return conditions.stream().anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
        && "True".equals(c.getStatus()));
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }

  private static String timestamp(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
