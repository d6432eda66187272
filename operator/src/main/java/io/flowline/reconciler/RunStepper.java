package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.NodeLaunch;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunDecision;
import io.flowline.engine.RunPlanner;
import io.flowline.engine.RunSnapshot;
import io.flowline.engine.SubstitutionValues;
import io.flowline.engine.Timestamps;
import io.flowline.kube.AttemptInspector;
import io.flowline.kube.JobFactory;
import io.flowline.kube.SnapshotStore;
import io.flowline.kube.StatusWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One step of a started run: observe its Jobs, ask the planner, apply the answer to the cluster. */
final class RunStepper {
  /** The status must stay well under etcd's 1.5 MiB object limit, together with spec and metadata. */
  static final int STATUS_LIMIT_BYTES = 1024 * 1024;
  private static final Logger LOG = LoggerFactory.getLogger(RunStepper.class);

  private final KubernetesClient client;
  private final SnapshotStore snapshots;
  private final RunPlanner planner;
  private final JobFactory jobFactory = new JobFactory();
  private final AttemptInspector inspector = new AttemptInspector();

  RunStepper(KubernetesClient client, SnapshotStore snapshots, RunPlanner planner) {
    this.client = client;
    this.snapshots = snapshots;
    this.planner = planner;
  }

  /** Updates {@code status}, a copy the caller owns, to what this step leads to. */
  RunStep step(PipelineRun run, PipelineRunStatus status, ClusterView cluster, Instant now) {
    PipelineSpec spec = snapshots.load(run, status);
    if (spec == null) {
      String message = "pipeline snapshot ConfigMap " + status.getPipelineSpecRef() + " is missing";
      RunStatuses.finish(status, RunPhase.Failed, "Failed", message, now);
      return new RunStep(status, List.of(PlannedEvent.warning("Failed", "run failed: " + message)),
          Optional.empty());
    }
    Instant startTime = Optional.ofNullable(Timestamps.parse(status.getStartTime())).orElse(now);
    RunSnapshot snapshot = new RunSnapshot(run.getMetadata().getName(), spec, startTime);
    RunDecision decision = planner.plan(snapshot, status.getNodes(), observe(status, cluster, now), now);

    for (String job : decision.jobsToDelete()) {
      deleteJob(run, job);
    }
    List<NodeStatus> nodes = decision.nodes();
    List<PlannedEvent> events = new ArrayList<>(decision.events());
    Optional<Instant> wakeUpAt = decision.wakeUpAt();
    // Once per step: the launches of one step never depend on each other, so they see the same outputs.
    Map<String, Map<String, String>> upstreamOutputs = upstreamOutputs(snapshot, nodes);
    for (NodeLaunch launch : decision.launches()) {
      String clash = createJob(run, snapshot, launch, status.getParams(), upstreamOutputs);
      if (clash != null) {
        NodeStatus node = nodes.stream().filter(n -> n.getName().equals(launch.node())).findFirst().orElseThrow();
        node.setPhase(NodePhase.Failed);
        node.setReason("JobNameClash");
        node.setMessage(clash);
        node.setCompletionTime(Timestamps.format(now));
        events.add(PlannedEvent.warning("NodeFailed", "node " + launch.node() + " failed: " + clash));
        wakeUpAt = Optional.of(now); // the planner turns this failure into the run's outcome on the next step
      }
    }
    status.setNodes(nodes);
    status.setProgress(decision.progress());
    if (decision.outcome().finished()) {
      RunStatuses.finish(status, decision.outcome().phase(), decision.outcome().reason(),
          decision.outcome().message(), now);
    } else {
      RunStatuses.running(status, decision.outcome().message(), now);
    }
    if (StatusWriter.jsonSize(status) > STATUS_LIMIT_BYTES) {
      return statusTooLarge(run, status, now);
    }
    return new RunStep(status, events, wakeUpAt);
  }

  private Map<String, AttemptObservation> observe(PipelineRunStatus status, ClusterView cluster, Instant now) {
    Map<String, AttemptObservation> observations = new HashMap<>();
    for (NodeStatus node : status.getNodes()) {
      if (node.getPhase() != NodePhase.Running || node.getJob() == null) {
        continue;
      }
      Optional<Job> job = cluster.job(node.getJob());
      if (job.isEmpty()) {
        observations.put(node.getName(), AttemptObservation.missing());
        continue;
      }
      Pod pod = cluster.pod(node.getJob(), false);
      if (inspector.needsFreshPod(job.get(), pod)) {
        pod = cluster.pod(node.getJob(), true);
      }
      observations.put(node.getName(), inspector.observe(job.get(), pod, now));
    }
    return observations;
  }

  /** Creates the attempt's Job; returns a message when a Job of that name exists and belongs to someone else. */
  private String createJob(PipelineRun run, RunSnapshot snapshot, NodeLaunch launch, List<ParamValue> runParams,
      Map<String, Map<String, String>> upstreamOutputs) {
    NodeSpec node = snapshot.node(launch.node());
    Map<String, String> substitutions = SubstitutionValues.of(
        params(runParams, node), upstreamOutputs,
        run.getMetadata().getName(), run.getMetadata().getNamespace(), run.getMetadata().getUid(),
        run.getSpec() == null ? null : run.getSpec().getCorrelationId(), JobFactory.pipelineName(run),
        node.getName(), launch.attempt());
    Job job = jobFactory.build(run, snapshot.spec(), node, launch.attempt(), launch.jobName(), substitutions);
    try {
      client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).resource(job).create();
      return null;
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
    Job existing = client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace())
        .withName(launch.jobName()).get();
    if (existing == null || ownedBy(existing, run)) {
      // Ours from an earlier reconciliation that did not get to write status (operator restart): adopt it.
      return null;
    }
    return "Job " + launch.jobName() + " already exists and is not owned by this run";
  }

  private static boolean ownedBy(Job job, PipelineRun run) {
    for (OwnerReference owner : job.getMetadata().getOwnerReferences()) {
      if (Boolean.TRUE.equals(owner.getController()) && run.getMetadata().getUid().equals(owner.getUid())) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, String> params(List<ParamValue> runParams, NodeSpec node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (ParamValue param : runParams) {
      values.put(param.getName(), param.getValue());
    }
    for (ParamSpec param : node.getParams()) {
      values.put(param.getName(), param.getDefaultValue() == null ? "" : param.getDefaultValue());
    }
    return values;
  }

  /** Outputs of finished nodes; a node that failed with allowFailure or was skipped gives empty strings. */
  private static Map<String, Map<String, String>> upstreamOutputs(RunSnapshot snapshot, List<NodeStatus> nodes) {
    Map<String, Map<String, String>> outputs = new HashMap<>();
    for (NodeStatus node : nodes) {
      if (node.getPhase() == NodePhase.Succeeded) {
        outputs.put(node.getName(), node.getOutputs());
      } else if (node.getPhase() == NodePhase.Failed || node.getPhase() == NodePhase.Skipped) {
        Map<String, String> empty = new LinkedHashMap<>();
        for (String name : snapshot.node(node.getName()).getOutputs()) {
          empty.put(name, "");
        }
        outputs.put(node.getName(), empty);
      }
    }
    return outputs;
  }

  private void deleteJob(PipelineRun run, String job) {
    try {
      client.batch().v1().jobs().inNamespace(run.getMetadata().getNamespace()).withName(job)
          .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 404) {
        throw e;
      }
    }
  }

  private RunStep statusTooLarge(PipelineRun run, PipelineRunStatus status, Instant now) {
    for (NodeStatus node : status.getNodes()) {
      if (node.getPhase() == NodePhase.Running) {
        deleteJob(run, node.getJob());
      }
    }
    int size = StatusWriter.jsonSize(status);
    String message = "status would be " + size + " bytes, over the " + STATUS_LIMIT_BYTES
        + " byte limit; node details were dropped and running Jobs deleted";
    LOG.warn("Run {}/{}: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), message);
    status.setNodes(new ArrayList<>());
    RunStatuses.finish(status, RunPhase.Failed, "StatusTooLarge", message, now);
    return new RunStep(status, List.of(PlannedEvent.warning("Failed", "run failed: " + message)), Optional.empty());
  }
}
