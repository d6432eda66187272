package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.ControlCondition;
import io.flowline.engine.ControlEvents;
import io.flowline.engine.Messages;
import io.flowline.engine.RetryRequest;
import io.flowline.engine.RetryReset;
import io.flowline.engine.RunStatuses;
import io.flowline.engine.AttemptObservation;
import io.flowline.engine.LaunchOutcome;
import io.flowline.engine.NodeLaunch;
import io.flowline.engine.NodeTables;
import io.flowline.engine.SubstitutionValues;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunDecision;
import io.flowline.engine.RunPlanner;
import io.flowline.engine.RunOutcome;
import io.flowline.engine.RunSnapshot;
import io.flowline.engine.FinallyState;
import io.flowline.engine.NodeInputs;
import io.flowline.engine.RunValues;
import io.flowline.engine.Timestamps;
import io.flowline.kube.AttemptInspector;
import io.flowline.kube.ForeignObjectException;
import io.flowline.kube.JobFactory;
import io.flowline.kube.JobLauncher;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.OwnedObjects;
import io.flowline.kube.SnapshotStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One step of a started run: observe its Jobs and pods, let the planner decide, create the Jobs it asks for and
 * hand the API server's answers back to it, then record the node table (inline, or partly in ConfigMaps).
 */
final class RunStepper {
  private final KubernetesClient client;
  private final SnapshotStore snapshots;
  private final NodeTableStore nodeTables;
  private final RunPlanner planner;
  private final RunObserver observer;
  private final NodeTableRecorder recorder;
  private final JobFactory jobFactory = new JobFactory();
  private final JobLauncher launcher;

  RunStepper(KubernetesClient client, SnapshotStore snapshots, NodeTableStore nodeTables, RunPlanner planner,
      RunObserver observer) {
    this.client = client;
    this.snapshots = snapshots;
    this.nodeTables = nodeTables;
    this.planner = planner;
    this.observer = observer;
    this.recorder = new NodeTableRecorder(nodeTables);
    this.launcher = new JobLauncher(client);
  }

  /**
   * Updates {@code status}, a copy the caller owns, to what this step leads to; {@code stop}, when not null, ends
   * the run that way now (its running Jobs deleted), whatever its nodes do; {@code retry}, when not null, first
   * resets the nodes an applied spec.retry continues.
   */
  RunStep step(PipelineRun run, PipelineRunStatus status, ClusterView cluster, Instant now, RunOutcome stop,
      RetryRequest.Verdict retry) {
    RunPhase phaseBefore = status.getPhase();
    PipelineSpec spec = snapshots.load(run, status);
    if (spec == null) {
      return fail(run, status, cluster, "pipeline snapshot ConfigMap " + status.getPipelineSpecRef()
          + " is missing", now);
    }
    List<NodeStatus> offloaded = nodeTables.load(run, status.getNodesRef());
    if (offloaded == null) {
      return fail(run, status, cluster, "a node table ConfigMap of " + status.getNodesRef() + " is missing", now);
    }
    List<NodeStatus> table = NodeTables.merge(offloaded, status.getNodes());
    Map<String, NodePhase> phasesBefore = NodeEnds.phases(table);
    List<PlannedEvent> controlEvents = new ArrayList<>();
    if (retry != null) {
      // On copies: the recorder compares the new table with the offloaded one as loaded to find what to rewrite.
      table = table.stream().map(Serialization::clone).collect(Collectors.toCollection(ArrayList::new));
      List<String> reset = RetryReset.reset(table, retry.retry(), finallyNames(spec));
      // The finally part runs again after the main part, which reopens now.
      status.setFinallyStatus(null);
      controlEvents.add(ControlCondition.retryDecided(status, retry, reset.isEmpty() ? "no node to reset"
          : Messages.abbreviate("node(s) " + String.join(", ", reset) + " reset to Pending", 300), now));
    }
    // A retried run's timeout counts from the retry: otherwise a run that timed out could never be retried.
    Instant startTime = Stream.of(Timestamps.parse(status.getStartTime()), Timestamps.parse(status.getLastRetryTime()))
        .filter(Objects::nonNull).max(Instant::compareTo).orElse(now);
    RunSnapshot snapshot = new RunSnapshot(run.getMetadata().getName(), spec, startTime,
        run.getSpec() == null ? null : run.getSpec().getState(), stop,
        run.getSpec() == null ? List.of() : run.getSpec().getSkipNodes(), status.getParams())
        .withFinally(FinallyState.from(status.getFinallyStatus()))
        .withValues(new RunValues(run.getMetadata().getName(), run.getMetadata().getNamespace(),
            run.getMetadata().getUid(), run.getSpec() == null ? null : run.getSpec().getCorrelationId(),
            JobFactory.pipelineName(run)));
    Map<String, AttemptObservation> observations = observer.observe(run.getMetadata().getName(),
        status.getNodes(), cluster, now);

    RunPlanner.Planning planning = planner.begin(snapshot, table, observations, now);
    recordWorkspaceNode(spec, status, cluster);
    Map<String, LaunchOutcome> outcomes = launch(run, snapshot, planning, status.getWorkspaceNode());
    RunDecision decision = planning.finish(outcomes);
    status.setFinallyStatus(decision.finallyState() == null ? null : decision.finallyState().toStatus());

    Set<String> deleted = new HashSet<>();
    for (String job : decision.jobsToDelete()) {
      deleteJob(run, job);
      deleted.add(job);
    }
    if (decision.outcome().finished()) {
      stopStrayJobs(run, cluster, deleted, createdNow(planning.launches(), outcomes));
    }
    status.setProgress(decision.progress());
    if (decision.outcome().finished()) {
      RunStatuses.finish(status, decision.outcome().phase(), decision.outcome().reason(),
          decision.outcome().message(), now);
    } else {
      RunStatuses.active(status, decision.outcome().phase(), decision.outcome().reason(),
          decision.outcome().message(), now);
    }
    List<PlannedEvent> events = new ArrayList<>(controlEvents);
    events.addAll(decision.events());
    ControlCondition.skipVerdict(status, decision.refusals(), now).ifPresent(events::add);
    events.addAll(ControlEvents.between(phaseBefore, status.getPhase()));
    try {
      recorder.record(run, status, decision.nodes(), offloaded);
    } catch (ForeignObjectException e) {
      return fail(run, status, cluster, e.getMessage(), now);
    } catch (NodeTableRecorder.TooLargeException e) {
      return statusTooLarge(run, status, cluster, decision.nodes(), offloaded, phasesBefore, e.getMessage(), now);
    }
    return new RunStep(status, events, decision.wakeUpAt(), NodeEnds.since(phasesBefore, decision.nodes()));
  }

  /**
   * A single-node workspace keeps the run on the node of its first scheduled pod: recorded once, in the status this
   * step writes anyway, and from then on every new pod is bound to it.
   */
  private static void recordWorkspaceNode(PipelineSpec spec, PipelineRunStatus status, ClusterView cluster) {
    if (spec.getWorkspace() != null && spec.getWorkspace().singleNode() && status.getWorkspaceNode() == null) {
      cluster.scheduledNode().ifPresent(status::setWorkspaceNode);
    }
  }

  /** Creates the planned Jobs; the answers become observations for the planner. */
  private Map<String, LaunchOutcome> launch(PipelineRun run, RunSnapshot snapshot, RunPlanner.Planning planning,
      String workspaceNode) {
    List<NodeLaunch> launches = planning.launches();
    if (launches.isEmpty()) {
      return Map.of();
    }
    // The launches of one step never depend on each other, so they see the same node table.
    Map<String, NodeStatus> table = new LinkedHashMap<>();
    planning.currentNodes().forEach(node -> table.putIfAbsent(node.getName(), node));
    Map<String, Job> jobs = new LinkedHashMap<>();
    for (NodeLaunch launch : launches) {
      NodeSpec node = snapshot.node(launch.node());
      Map<String, String> substitutions = NodeInputs.of(snapshot, table, node, launch.attempt());
      if (launch.isItem()) {
        substitutions = SubstitutionValues.withItem(substitutions, launch.item(), launch.itemIndex());
      }
      jobs.put(launch.node(), jobFactory.build(run, snapshot.spec(), node, launch.attempt(), launch.jobName(),
          substitutions, workspaceNode));
    }
    return launcher.launchAll(run, jobs);
  }

  private static Set<String> finallyNames(PipelineSpec spec) {
    Set<String> names = new HashSet<>();
    spec.getFinallyNodes().forEach(node -> names.add(node.getName()));
    spec.getNodes().forEach(node -> names.remove(node.getName()));
    return names;
  }

  private static Set<String> createdNow(List<NodeLaunch> launches, Map<String, LaunchOutcome> outcomes) {
    Set<String> created = new HashSet<>();
    for (NodeLaunch launch : launches) {
      LaunchOutcome outcome = outcomes.get(launch.node());
      if (outcome != null && outcome.kind() == LaunchOutcome.Kind.CREATED) {
        created.add(launch.jobName());
      }
    }
    return created;
  }

  /**
   * A run that ended leaves no Job running, not even one its status never listed (created just before a lost
   * status write): every unfinished Job of the run in the cache, and every one this step created, is deleted.
   * The cache is enough, with no live LIST: a Job of an earlier step reached it long before the run could end.
   */
  void stopJobs(PipelineRun run, ClusterView cluster) {
    stopStrayJobs(run, cluster, Set.of(), Set.of());
  }

  private void stopStrayJobs(PipelineRun run, ClusterView cluster, Set<String> alreadyDeleted,
      Set<String> createdThisStep) {
    Set<String> toDelete = new HashSet<>(createdThisStep);
    for (Job job : cluster.cachedJobs()) {
      String name = job.getMetadata().getName();
      if (!OwnedObjects.ownedBy(job, run) || job.getMetadata().getDeletionTimestamp() != null
          || AttemptInspector.finished(job)) {
        toDelete.remove(name);
      } else {
        toDelete.add(name);
      }
    }
    toDelete.removeAll(alreadyDeleted);
    toDelete.forEach(name -> deleteJob(run, name));
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

  /** The run cannot go on: it fails, and whatever still runs is stopped. */
  private RunStep fail(PipelineRun run, PipelineRunStatus status, ClusterView cluster, String message,
      Instant now) {
    stopStrayJobs(run, cluster, Set.of(), Set.of());
    Map<String, NodePhase> phasesBefore = NodeEnds.phases(status.getNodes());
    RunStatuses.cancelUnfinished(status.getNodes(), "cancelled: run failed", now);
    RunStatuses.finish(status, RunPhase.Failed, "Failed", message, now);
    return new RunStep(status, List.of(PlannedEvent.warning("Failed", "run failed: " + message)),
        Optional.empty(), NodeEnds.since(phasesBefore, status.getNodes()));
  }

  /**
   * Even with every finished entry in ConfigMaps the object would be too large: the run fails, its running Jobs
   * are stopped and the whole table goes to ConfigMaps, so no node result is lost.
   */
  private RunStep statusTooLarge(PipelineRun run, PipelineRunStatus status, ClusterView cluster,
      List<NodeStatus> nodes, List<NodeStatus> offloaded, Map<String, NodePhase> phasesBefore, String why,
      Instant now) {
    stopStrayJobs(run, cluster, Set.of(), Set.of());
    RunStatuses.cancelUnfinished(nodes, "cancelled: status too large", now);
    String message = why + "; running Jobs were stopped and every node entry moved to ConfigMaps "
        + "(status.nodesRef)";
    RunStatuses.finish(status, RunPhase.Failed, "StatusTooLarge", message, now);
    recorder.recordAllOffloaded(run, status, nodes, offloaded);
    return new RunStep(status, List.of(PlannedEvent.warning("Failed", "run failed: " + message)),
        Optional.empty(), NodeEnds.since(phasesBefore, nodes));
  }
}
