package io.flowline.reconciler;

import io.flowline.api.DesiredRunState;
import io.flowline.api.NodeDefaults;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeTemplate;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.Pipeline;
import io.flowline.engine.Admission;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.engine.RunStatuses;
import io.flowline.engine.ParamResolver;
import io.flowline.engine.RerunSeed;
import io.flowline.engine.ResolvedParams;
import io.flowline.engine.RunSpecChecks;
import io.flowline.engine.PipelineNodes;
import io.flowline.engine.PipelineValidator;
import io.flowline.engine.ResolvedPipeline;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.Timestamps;
import io.flowline.kube.StatusWriter;
import io.flowline.kube.ForeignObjectException;
import io.flowline.kube.SnapshotStore;
import io.flowline.kube.WorkspaceClaims;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a new run into a started one: finds and snapshots its pipeline, validates the snapshot and the params,
 * and freezes everything the run needs later, so that editing the Pipeline or the run never changes it.
 */
final class RunStarter {
  static final Duration PIPELINE_WAIT = Duration.ofSeconds(30);
  private static final Duration PIPELINE_RECHECK = Duration.ofSeconds(3);
  /** A queued run is woken when a sibling's phase changes; this only bounds the wait should a wake-up be missed. */
  static final Duration QUEUE_RECHECK = Duration.ofSeconds(30);
  /** How often a run waiting for the workspace claim of a deleted run of the same name to go tries again. */
  static final Duration CLAIM_RECHECK = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final SnapshotStore snapshots;
  private final PipelineValidator validator = new PipelineValidator();
  private final ParamResolver paramResolver = new ParamResolver();

  /** Looks a Pipeline up in the informer cache by namespace and name. */
  interface PipelineCache {
    Optional<Pipeline> get(String namespace, String name);
  }

  /** Whether a run of a Pipeline may start under the Pipeline's concurrency limit. */
  interface Admitter {
    Admission admit(PipelineRun run, Pipeline pipeline);
  }

  /** Looks a NodeTemplate up in the informer cache by namespace and name. */
  interface TemplateCache {
    Optional<NodeTemplate> get(String namespace, String name);
  }

  private final PipelineCache pipelines;
  private final TemplateCache templates;
  private final Admitter admitter;
  private final RerunSources rerunSources;
  private final WorkspaceClaims claims;

  RunStarter(KubernetesClient client, SnapshotStore snapshots, RerunSources rerunSources, PipelineCache pipelines,
      TemplateCache templates, Admitter admitter) {
    this.templates = templates;
    this.client = client;
    this.snapshots = snapshots;
    this.rerunSources = rerunSources;
    this.pipelines = pipelines;
    this.admitter = admitter;
    this.claims = new WorkspaceClaims(client);
  }

  RunStart start(PipelineRun run, Instant now) {
    PipelineRunStatus status = StatusWriter.copyOfStatus(run);
    PipelineRunSpec spec = run.getSpec() == null ? new PipelineRunSpec() : run.getSpec();
    // A run that has not started has nothing to retry: the value it starts with is handled, not a request.
    status.setRetry(spec.getRetry());
    if (spec.getState() == DesiredRunState.Cancelled) {
      // Pending or Queued: it ends without a snapshot, a Job or a slot.
      RunStatuses.finish(status, RunPhase.Cancelled, "Cancelled", "cancelled before it started (spec.state: Cancelled)",
          now);
      return new RunStart(status, false, List.of(PlannedEvent.normal("Cancelled",
          "run cancelled before it started (spec.state: Cancelled)")), null);
    }
    // Before any call: an empty or malformed name must never reach the client, which throws on it.
    List<String> referenceProblems = RunSpecChecks.pipelineProblems(spec);
    if (!referenceProblems.isEmpty()) {
      return fail(status, "PipelineInvalid", String.join("; ", referenceProblems), now);
    }
    boolean byRef = spec.getPipelineRef() != null;
    PipelineSpec snapshot;
    Long pipelineGeneration = null;
    String fieldPrefix;
    Pipeline pipeline = null;
    if (byRef) {
      String name = spec.getPipelineRef().getName();
      // From the cache; a live read only when it lacks the Pipeline: one applied together with the run may not
      // have reached it yet, and no run fails PipelineNotFound on the cache's word alone.
      String namespace = run.getMetadata().getNamespace();
      pipeline = pipelines.get(namespace, name)
          .orElseGet(() -> client.resources(Pipeline.class).inNamespace(namespace).withName(name).get());
      if (pipeline == null || pipeline.getSpec() == null) {
        return pipelineMissing(run, status, name, now);
      }
      snapshot = Serialization.clone(pipeline.getSpec());
      pipelineGeneration = pipeline.getMetadata().getGeneration();
      fieldPrefix = "spec";
    } else {
      snapshot = Serialization.clone(spec.getPipelineSpec());
      fieldPrefix = "spec.pipelineSpec";
    }
    // The snapshot holds the resolved nodes: editing or deleting a template never changes a started run.
    String namespace = run.getMetadata().getNamespace();
    ResolvedPipeline resolved = ResolvedPipeline.of(snapshot, fieldPrefix, namespace, templatesIn(namespace),
        validator);
    snapshot = resolved.spec();
    List<String> problems = resolved.problems();
    if (!problems.isEmpty()) {
      String subject = byRef ? "pipeline " + spec.getPipelineRef().getName() + " is invalid: "
          : "inline pipeline is invalid: ";
      return fail(status, "PipelineInvalid", subject + String.join("; ", problems), now);
    }
    ResolvedParams params = paramResolver.resolve(snapshot, spec.getParams(), spec.getNodeParams());
    List<String> paramProblems = new ArrayList<>(params.problems());
    paramProblems.addAll(RunSpecChecks.settingProblems(spec));
    paramProblems.addAll(RunSpecChecks.skipProblems(spec, snapshot));
    String runTimeout = spec.getTimeout() != null && !spec.getTimeout().isBlank() ? spec.getTimeout()
        : snapshot.getTimeout();
    if (!paramProblems.isEmpty()) {
      return fail(status, "InvalidParams", String.join("; ", paramProblems), now);
    }
    Optional<String> rerunProblem = RerunSources.specProblem(spec, snapshot);
    if (rerunProblem.isPresent()) {
      return fail(status, RerunSources.INVALID, rerunProblem.get(), now);
    }
    if (pipeline != null) {
      Admission admission = admitter.admit(run, pipeline);
      switch (admission.verdict()) {
        case QUEUE -> {
          RunStatuses.queued(status, admission.queuePosition(), admission.message(), now);
          return new RunStart(status, false, List.of(), QUEUE_RECHECK);
        }
        case FORBID -> {
          RunStatuses.finish(status, RunPhase.Cancelled, Admission.REASON, admission.message(), now);
          return new RunStart(status, false,
              List.of(PlannedEvent.warning("Cancelled", "run cancelled: " + admission.message())), null);
        }
        default -> {
          // START, or REPLACE: the runs it replaces give way at their own next step (PipelineConcurrency).
        }
      }
    }
    RerunSeed rerun = null;
    if (spec.getRerunOf() != null) {
      // Read only now that the run may start: a queued run copies what its source holds when it starts.
      RerunSources.Lookup lookup = rerunSources.seed(run, snapshot);
      if (lookup.seed() == null) {
        return fail(status, lookup.reason(), lookup.message(), now);
      }
      rerun = lookup.seed();
    }
    if (snapshot.getWorkspace() != null) {
      // Here, once: a run only gets this far on its way to Running, after which start() is never called again.
      WorkspaceClaims.Outcome claim = claims.ensure(run, snapshot.getWorkspace());
      switch (claim.kind()) {
        case WAIT -> {
          RunStatuses.pending(status, claim.message(), now);
          return new RunStart(status, false, List.of(), CLAIM_RECHECK);
        }
        case FAILED -> {
          return fail(status, "Failed", claim.message(), now);
        }
        default -> {
          // READY: the Jobs may mount it.
        }
      }
    }
    freeze(snapshot, spec, runTimeout, params);
    status.setPipelineGeneration(pipelineGeneration);
    status.setParams(params.pipelineParams());
    status.setStartTime(Timestamps.format(now));
    status.setObservedGeneration(run.getMetadata().getGeneration());
    status.setSpecDigest(ControlFreeSpec.digest(spec));
    status.setProgress((rerun == null ? 0 : rerun.copied().size()) + "/" + PipelineNodes.all(snapshot).size());
    if (rerun != null) {
      status.setNodes(new ArrayList<>(rerun.copied()));
    }
    try {
      snapshots.save(run, snapshot, status);
    } catch (ForeignObjectException e) {
      return fail(status, "Failed", e.getMessage(), now);
    }
    RunStatuses.running(status, null, now);
    List<PlannedEvent> events = new ArrayList<>();
    events.add(PlannedEvent.runProgress("Started", "run started: " + PipelineNodes.all(snapshot).size() + " node(s)"
        + (byRef ? ", pipeline " + spec.getPipelineRef().getName() + " generation " + pipelineGeneration : "")));
    if (rerun != null) {
      events.add(PlannedEvent.normal("Rerun", rerun.describe(spec.getRerunOf().getName())));
    }
    return new RunStart(status, true, events, null);
  }

  /**
   * Writes the run-level choices into the snapshot, which is then the whole truth of what executes: the run's
   * timeout and service account, and each node param's resolved value as its default.
   */
  private static void freeze(PipelineSpec snapshot, PipelineRunSpec spec, String runTimeout, ResolvedParams params) {
    snapshot.setTimeout(runTimeout);
    if (spec.getServiceAccountName() != null && !spec.getServiceAccountName().isBlank()) {
      if (snapshot.getDefaults() == null) {
        snapshot.setDefaults(new NodeDefaults());
      }
      snapshot.getDefaults().setServiceAccountName(spec.getServiceAccountName());
    }
    for (NodeSpec node : PipelineNodes.all(snapshot)) {
      Map<String, String> values = params.nodeParams().get(node.getName());
      if (values == null) {
        continue;
      }
      for (ParamSpec param : node.getParams()) {
        if (values.containsKey(param.getName())) {
          param.setDefaultValue(values.get(param.getName()));
          param.setRequired(null);
        }
      }
    }
  }

  /**
   * From the cache; a live read only when it lacks the template (one applied together with the run may not have
   * reached it yet), once per name and start.
   */
  private ResolvedPipeline.Templates templatesIn(String namespace) {
    Map<String, Optional<NodeTemplateSpec>> found = new HashMap<>();
    return name -> found.computeIfAbsent(name, missing -> templates.get(namespace, name)
        .or(() -> Optional.ofNullable(client.resources(NodeTemplate.class).inNamespace(namespace).withName(name).get()))
        .map(NodeTemplates::specOf));
  }

  private RunStart pipelineMissing(PipelineRun run, PipelineRunStatus status, String name, Instant now) {
    Instant created = Timestamps.parse(run.getMetadata().getCreationTimestamp());
    Instant deadline = (created == null ? now : created).plus(PIPELINE_WAIT);
    String where = " in namespace " + run.getMetadata().getNamespace();
    if (now.isBefore(deadline)) {
      RunStatuses.pending(status, "waiting for Pipeline " + name + ": not found" + where, now);
      Duration remaining = Duration.between(now, deadline);
      return new RunStart(status, false, List.of(),
          remaining.compareTo(PIPELINE_RECHECK) < 0 ? remaining.plusMillis(100) : PIPELINE_RECHECK);
    }
    return fail(status, "PipelineNotFound", "Pipeline " + name + " not found" + where, now);
  }

  private static RunStart fail(PipelineRunStatus status, String reason, String message, Instant now) {
    RunStatuses.finish(status, RunPhase.Failed, reason, message, now);
    return new RunStart(status, false, List.of(PlannedEvent.warning("Failed", "run failed: " + message)), null);
  }
}
