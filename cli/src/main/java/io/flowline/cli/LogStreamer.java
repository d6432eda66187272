package io.flowline.cli;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.engine.JobNames;
import io.flowline.kube.AttemptInspector;
import io.flowline.kube.FlowlineLabels;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Node logs of a run, read from the pods of each node attempt's Job, found by the labels the operator puts on
 * them (flowline.io/run, flowline.io/node, flowline.io/attempt). Lines are prefixed {@code [node]} ({@code [node#2]} for a second attempt) unless only one
 * node was asked for. Following reads each node's log to its end, in the order the nodes started, until the run
 * has ended; a node that ran meanwhile is printed whole when its turn comes, so no line is lost or repeated.
 */
public final class LogStreamer {
  private final Session session;
  private final PrintWriter out;
  private final String node;
  private final Set<String> done = new HashSet<>();

  /** @param node only this node's log, null for all */
  public LogStreamer(Session session, String node) {
    this.session = session;
    this.out = session.out();
    this.node = node;
  }

  /** The logs as they are now: the last attempt of each node (or of {@code node}), or one given attempt. */
  public void print(PipelineRun run, Integer attempt) {
    String name = run.getMetadata().getName();
    if (attempt != null) {
      String job = JobNames.jobName(name, node, attempt);
      Pod pod = newestPod(name, node, attempt);
      if (pod == null) {
        session.err().println("node " + node + " attempt " + attempt + ": no pod of Job " + job
            + " (never started, or deleted)");
        return;
      }
      stream(pod, prefix(node, attempt), false);
      return;
    }
    for (NodeStatus status : nodes(run)) {
      show(name, status, false, true);
    }
  }

  /** Follows the logs until the run ends and returns the run as it ended; limit null for none. */
  public PipelineRun follow(String runName, java.time.Duration limit) {
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    while (true) {
      PipelineRun run = session.run(runName);
      boolean finished = RunWaiter.finished(run);
      for (NodeStatus status : nodes(run)) {
        show(runName, status, !finished, finished);
      }
      if (finished) {
        return run;
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(ExitCodes.TIMEOUT, "pipelinerun " + runName + " has not ended after "
            + io.flowline.cli.render.TimeText.duration(limit) + "; it goes on (kubectl flowline get " + runName + ")");
      }
      RunWaiter.pause(RunWaiter.POLL);
    }
  }

  /**
   * Prints one node attempt's log unless printed before. While following, a pod that has not started yet is left
   * for a later pass; at the end, what has no pod is said to be gone.
   */
  private void show(String runName, NodeStatus status, boolean follow, boolean last) {
    String job = JobNames.jobOf(runName, status);
    if (done.contains(job)) {
      return;
    }
    boolean nodeEnded = status.getPhase() != null && status.getPhase().isFinished();
    Pod pod = newestPod(runName, status.getName(), status.getAttempt());
    if (pod == null || !AttemptInspector.containerStarted(pod)) {
      if (last || nodeEnded) {
        done.add(job);
        if (pod == null) {
          session.err().println("node " + status.getName() + ": no pod of Job " + job + " (deleted, or never created)");
        }
      }
      return;
    }
    done.add(job);
    stream(pod, prefix(status.getName(), status.getAttempt()), follow && !nodeEnded);
  }

  /** Nodes with an attempt of their own, in the order they started; copied (rerun) and skipped nodes have none. */
  private List<NodeStatus> nodes(PipelineRun run) {
    return session.nodeTable(run).stream()
        .filter(s -> s.getAttempt() > 0)
        .filter(s -> node == null || node.equals(s.getName()) || node.equals(s.getParent()))
        .filter(s -> s.getMessage() == null || !s.getMessage().startsWith("copied from run "))
        .sorted(Comparator.comparing((NodeStatus s) -> s.getStartTime() == null ? "~" : s.getStartTime())
            .thenComparing(NodeStatus::getName))
        .toList();
  }

  private String prefix(String nodeName, int attempt) {
    if (nodeName.equals(node)) {
      return "";
    }
    return "[" + nodeName + (attempt > 1 ? "#" + attempt : "") + "] ";
  }

  /** The pod of one attempt (the newest, should the Job have made several). */
  private Pod newestPod(String run, String nodeName, int attempt) {
    return session.client().pods().inNamespace(session.namespace())
        .withLabel(FlowlineLabels.RUN, JobNames.labelValue(run))
        .withLabel(FlowlineLabels.NODE, JobNames.labelValue(nodeName))
        .withLabel(FlowlineLabels.ATTEMPT, Integer.toString(attempt))
        .list().getItems().stream()
        .max(Comparator.comparing(p -> p.getMetadata().getCreationTimestamp() == null ? ""
            : p.getMetadata().getCreationTimestamp()))
        .orElse(null);
  }


  private void stream(Pod pod, String prefix, boolean follow) {
    PodResource resource = session.client().pods().inNamespace(session.namespace())
        .withName(pod.getMetadata().getName());
    String container = pod.getSpec().getContainers().get(0).getName();
    try {
      if (!follow) {
        String log = resource.inContainer(container).getLog();
        if (log != null && !log.isEmpty()) {
          log.lines().forEach(line -> out.println(prefix + line));
        }
        out.flush();
        return;
      }
      try (LogWatch watch = resource.inContainer(container).watchLog();
          BufferedReader reader = new BufferedReader(new InputStreamReader(watch.getOutput(),
              StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          out.println(prefix + line);
          out.flush();
        }
      }
    } catch (KubernetesClientException | IOException e) {
      session.err().println("log of pod " + pod.getMetadata().getName() + " not available: "
          + (e instanceof KubernetesClientException k ? ApiErrorText.of(k) : e.getMessage()));
    }
  }
}
