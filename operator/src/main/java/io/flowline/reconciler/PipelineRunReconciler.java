package io.flowline.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.NodeStatus;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.engine.Admission;
import io.flowline.engine.RunOutcome;
import io.flowline.engine.RunStatuses;
import io.flowline.engine.ControlCondition;
import io.flowline.engine.Conditions;
import io.flowline.engine.RetryRequest;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.RunPlanner;
import io.flowline.api.RunPhase;
import io.flowline.kube.ApiErrors;
import io.flowline.kube.AttemptInspector;
import io.flowline.kube.CacheTrimming;
import io.flowline.kube.EventRecorder;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.FlowlineLabels;
import io.flowline.kube.SnapshotStore;
import io.flowline.kube.StatusConflictException;
import io.flowline.kube.StatusTooLargeException;
import io.flowline.kube.StatusWriter;
import io.flowline.metrics.FlowlineMetrics;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Drives a PipelineRun: start it once, then step it on every Job or pod change until it ends. */
public final class PipelineRunReconciler implements Reconciler<PipelineRun> {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineRunReconciler.class);
  private static final Duration AFTER_CONFLICT = Duration.ofMillis(200);

  private final KubernetesClient client;
  private final RunStarter starter;
  private final RunStepper stepper;
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final FlowlineMetrics metrics;
  private final RunMetricsRecorder runMetrics;
  private final Set<PlannedEvent.Detail> eventDetails;
  private final Clock clock;
  private volatile InformerEventSource<Pipeline, PipelineRun> pipelines;
  private volatile InformerEventSource<NodeTemplate, PipelineRun> templates;
  private volatile PipelineConcurrency concurrency;
  private volatile RunCaches caches;
  private final SnapshotStore snapshots;
  private final NodeTableStore nodeTables;

  public PipelineRunReconciler(KubernetesClient client, Duration podStartGracePeriod, int platformRetries,
      Set<PlannedEvent.Detail> eventDetails, Clock clock, FlowlineMetrics metrics) {
    this.snapshots = new SnapshotStore(client);
    this.nodeTables = new NodeTableStore(client);
    this.client = client;
    this.starter = new RunStarter(client, snapshots, new RerunSources(client, nodeTables), this::cachedPipeline,
        this::cachedTemplate, this::admit);
    this.stepper = new RunStepper(client, snapshots, nodeTables, new RunPlanner(podStartGracePeriod, platformRetries),
        new RunObserver(podStartGracePeriod));
    this.statusWriter = new StatusWriter(client);
    this.events = new EventRecorder(client);
    this.metrics = metrics;
    this.runMetrics = new RunMetricsRecorder(metrics);
    this.eventDetails = Set.copyOf(eventDetails);
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, PipelineRun>> prepareEventSources(EventSourceContext<PipelineRun> context) {
    var jobs = new InformerEventSource<>(InformerEventSourceConfiguration.from(Job.class, PipelineRun.class)
        .withLabelSelector(FlowlineLabels.RUN)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(PipelineRun.class))
        .withItemStore(CacheTrimming.store(CacheTrimming::job))
        // A run steps when one of its Jobs finishes or goes away, not on every change of its counters: each
        // reconciliation costs a status copy and comparison, and a node's Job changes several times.
        .withOnAddFilter(AttemptInspector::finished)
        .withOnUpdateFilter((job, before) -> !AttemptInspector.jobSignal(job)
            .equals(AttemptInspector.jobSignal(before)))
        .build(), context);
    var pods = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, PipelineRun.class)
        .withLabelSelector(FlowlineLabels.RUN)
        .withSecondaryToPrimaryMapper((Pod pod) -> runOf(pod.getMetadata().getAnnotations(),
            pod.getMetadata().getNamespace()))
        .withItemStore(CacheTrimming.store(CacheTrimming::pod))
        .withOnAddFilter(pod -> !AttemptInspector.podSignal(pod).isEmpty())
        .withOnUpdateFilter((pod, before) -> !AttemptInspector.podSignal(pod)
            .equals(AttemptInspector.podSignal(before)))
        .build(), context);
    // Read by RunStarter only; a Pipeline change never concerns a started run, so it triggers nothing.
    pipelines = new InformerEventSource<>(InformerEventSourceConfiguration.from(Pipeline.class, PipelineRun.class)
        .withSecondaryToPrimaryMapper((Pipeline pipeline) -> Set.of())
        .withItemStore(CacheTrimming.store(CacheTrimming::pipeline))
        .build(), context);
    // Read by RunStarter only, to resolve a starting run's templates; a started run never changes with a template.
    templates = NodeTemplates.informer(PipelineRun.class, template -> Set.of(), context);
    // Here because only the event source context hands out the run cache; the gauges read it at each scrape.
    IndexerResourceCache<PipelineRun> runs = context.getPrimaryCache();
    metrics.countRunsFrom(() -> runs.list().map(run -> run.getStatus() == null ? null : run.getStatus().getPhase()));
    // Wakes the runs of a pipeline with a concurrency limit when one of them changes phase.
    var siblingWakeUps = new SimpleInboundEventSource<PipelineRun>("flowline-concurrency");
    concurrency = PipelineConcurrency.over(runs, siblingWakeUps);
    caches = new RunCaches(runs, pipelines, pods, snapshots, nodeTables);
    return List.of(jobs, pods, pipelines, templates, siblingWakeUps);
  }

  /** What the dashboard reads, once the event sources exist: empty before the operator started. */
  public Optional<RunCaches> caches() {
    return Optional.ofNullable(caches);
  }

  /** Makes {@code pipeline}'s runs that wait for a slot decide again. */
  public void wakeWaitingRuns(Pipeline pipeline) {
    PipelineConcurrency gate = concurrency;
    if (gate != null) {
      gate.wakeWaiting(pipeline);
    }
  }

  private Admission admit(PipelineRun run, Pipeline pipeline) {
    PipelineConcurrency gate = concurrency;
    return gate == null ? Admission.start() : gate.admit(run, pipeline);
  }

  /** The Pipeline {@code run} refers to, from the cache; empty for an inline spec. */
  private Optional<Pipeline> pipelineOf(PipelineRun run) {
    return PipelineRefs.nameOf(run).flatMap(name -> cachedPipeline(run.getMetadata().getNamespace(), name));
  }

  private Optional<Pipeline> cachedPipeline(String namespace, String name) {
    return pipelines == null ? Optional.empty() : pipelines.get(new ResourceID(name, namespace));
  }

  private Optional<NodeTemplate> cachedTemplate(String namespace, String name) {
    return templates == null ? Optional.empty() : templates.get(new ResourceID(name, namespace));
  }

  private static Set<ResourceID> runOf(Map<String, String> annotations, String namespace) {
    String run = annotations == null ? null : annotations.get(FlowlineLabels.RUN_NAME_ANNOTATION);
    return run == null ? Set.of() : Set.of(new ResourceID(run, namespace));
  }

  @Override
  public UpdateControl<PipelineRun> reconcile(PipelineRun run, Context<PipelineRun> context) {
    Instant now = clock.instant();
    PipelineRunStatus status = run.getStatus();
    try {
      if (RunStatuses.finished(status)) {
        Optional<RetryRequest.Verdict> retry = retryRequest(run);
        return retry.isEmpty() ? acknowledgeSpecEdits(run, context) : retryFinished(run, retry.get(), context, now);
      }
      List<PlannedEvent> toEmit = new ArrayList<>();
      RunOutcome stop = null;
      if (!RunStatuses.started(status)) {
        RunStart start = starter.start(run, now);
        if (!start.started()) {
          writeAndEmit(run, start.status(), start.events(), List.of(), context);
          return start.recheckAfter() == null ? UpdateControl.noUpdate()
              : UpdateControl.<PipelineRun>noUpdate().rescheduleAfter(start.recheckAfter());
        }
        status = start.status();
        toEmit.addAll(start.events());
      } else {
        // A copy: the writer compares against the status as read, so the read one must stay untouched.
        status = StatusWriter.copyOfStatus(run);
        toEmit.addAll(specEditWarnings(run, status));
        // Still active: a retry has nothing to continue (RetryRequest says so), recorded as ignored.
        PipelineRunStatus active = status;
        retryRequest(run).ifPresent(verdict -> toEmit.add(ControlCondition.retryDecided(active, verdict, null, now)));
        PipelineConcurrency gate = concurrency;
        stop = gate == null ? null : gate.replacedBy(run, pipelineOf(run).orElse(null))
            .map(message -> new RunOutcome(RunPhase.Cancelled, Admission.REASON, message)).orElse(null);
      }
      return stepAndWrite(run, status, toEmit, stop, null, context, now);
    } catch (StatusConflictException e) {
      LOG.debug("{}; reconciling again", e.getMessage());
      return UpdateControl.<PipelineRun>noUpdate().rescheduleAfter(AFTER_CONFLICT);
    }
  }

  private static Optional<RetryRequest.Verdict> retryRequest(PipelineRun run) {
    PipelineRunStatus status = run.getStatus();
    return RetryRequest.decide(run.getSpec() == null ? null : run.getSpec().getRetry(), status.getRetry(),
        status.getPhase(), Conditions.reason(status.getConditions(), RunStatuses.SUCCEEDED), RunStatuses.started(status),
        run.getSpec() == null ? null : run.getSpec().getState());
  }

  /** spec.retry on a finished run: it continues in place, or the request is recorded as ignored. */
  private UpdateControl<PipelineRun> retryFinished(PipelineRun run, RetryRequest.Verdict requested,
      Context<PipelineRun> context, Instant now) {
    PipelineRunStatus status = StatusWriter.copyOfStatus(run);
    List<PlannedEvent> toEmit = new ArrayList<>(specEditWarnings(run, status));
    RetryRequest.Verdict verdict = requested.apply() ? withinConcurrencyLimit(run, requested) : requested;
    if (!verdict.apply()) {
      toEmit.add(ControlCondition.retryDecided(status, verdict, null, now));
      writeAndEmit(run, status, toEmit, List.of(), context);
      return UpdateControl.noUpdate();
    }
    RunStatuses.reopen(status, verdict.message(), now);
    return stepAndWrite(run, status, toEmit, null, verdict, context, now);
  }

  /** One step of a started run on {@code status}, a copy; then its status and Events, after {@code toEmit}. */
  private UpdateControl<PipelineRun> stepAndWrite(PipelineRun run, PipelineRunStatus status, List<PlannedEvent> toEmit,
      RunOutcome stop, RetryRequest.Verdict retry, Context<PipelineRun> context, Instant now) {
    RunStep step = stepper.step(run, status, clusterOf(run, context), now, stop, retry);
    List<PlannedEvent> events = new ArrayList<>(toEmit);
    events.addAll(step.events());
    writeAndEmit(run, step.status(), events, step.nodesEnded(), context);
    return reschedule(step.wakeUpAt(), now);
  }

  private ClusterView clusterOf(PipelineRun run, Context<PipelineRun> context) {
    return new InformerClusterView(client, run, context.getSecondaryResources(Job.class),
        context.getSecondaryResources(Pod.class));
  }

  /**
   * A retried run is active again and takes a slot of its pipeline's concurrency limit; without a free one the
   * retry is ignored rather than queued, so it never jumps ahead of the runs that wait, nor replaces one.
   */
  private RetryRequest.Verdict withinConcurrencyLimit(PipelineRun run, RetryRequest.Verdict verdict) {
    PipelineConcurrency gate = concurrency;
    Optional<Pipeline> pipeline = pipelineOf(run);
    if (gate == null || pipeline.isEmpty()) {
      return verdict;
    }
    Admission admission = gate.admit(run, pipeline.get());
    return admission.verdict() == Admission.Verdict.START ? verdict : new RetryRequest.Verdict(verdict.retry(), false,
        "spec.retry " + verdict.retry() + " ignored: pipeline " + pipeline.get().getMetadata().getName()
            + " has no free concurrency slot (" + admission.message() + "); raise spec.retry again when a run ends");
  }

  private void writeAndEmit(PipelineRun run, PipelineRunStatus status, List<PlannedEvent> planned,
      List<NodeStatus> nodesEnded, Context<PipelineRun> context) {
    try {
      if (statusWriter.writeWithinLimit(run, status, context)) {
        runMetrics.written(run, status, nodesEnded);
        RunPhase before = run.getStatus() == null ? null : run.getStatus().getPhase();
        PipelineConcurrency gate = concurrency;
        if (gate != null && before != status.getPhase()) {
          gate.phaseChanged(run, pipelineOf(run).orElse(null));
        }
      }
    } catch (StatusTooLargeException e) {
      // The last line of defence (the stepper keeps node tables small): end the run with what surely fits.
      stepper.stopJobs(run, clusterOf(run, context));
      PipelineRunStatus minimal = RunStatuses.tooLarge(status, e.getMessage(), clock.instant());
      if (statusWriter.write(run, minimal, context)) {
        runMetrics.written(run, minimal, nodesEnded);
      }
      events.record(run, PlannedEvent.warning("Failed", "run failed: " + minimal.getMessage()));
      return;
    }
    events.record(run, planned.stream().filter(event -> eventDetails.contains(event.detail())).toList());
  }

  /**
   * An exception escaped a step. A transient API error is retried with backoff (the retry configured in
   * FlowlineOperator) and says nothing unless the run has no phase yet; anything else is written to the run's
   * message and a Warning event, once per distinct message, so no failure is silent and no run stays without a
   * phase. JOSDK retries either way, with a capped backoff, so the run resumes once the cause is gone.
   */
  @Override
  public ErrorStatusUpdateControl<PipelineRun> updateErrorStatus(PipelineRun run, Context<PipelineRun> context,
      Exception e) {
    boolean transientError = ApiErrors.isTransient(e);
    PipelineRunStatus status = StatusWriter.copyOfStatus(run);
    if (transientError && status.getPhase() != null) {
      LOG.info("Run {}/{}: API server unavailable ({}); retrying", run.getMetadata().getNamespace(),
          run.getMetadata().getName(), e.getMessage());
      return ErrorStatusUpdateControl.noStatusUpdate();
    }
    String message = (transientError ? "waiting for the API server: " : "operator error, retrying: ")
        + e.getClass().getSimpleName() + ": " + e.getMessage();
    boolean changed = !message.equals(status.getMessage());
    if (status.getPhase() == null || status.getPhase() == RunPhase.Pending) {
      RunStatuses.pending(status, message, clock.instant());
    } else {
      status.setMessage(message);
    }
    LOG.warn("Run {}/{}: {}", run.getMetadata().getNamespace(), run.getMetadata().getName(), message);
    try {
      statusWriter.write(run, status, context);
      if (changed && !transientError) {
        events.record(run, PlannedEvent.warning("ReconcileError", message));
      }
    } catch (RuntimeException writeFailed) {
      LOG.warn("Run {}/{}: could not record the error in status: {}", run.getMetadata().getNamespace(),
          run.getMetadata().getName(), writeFailed.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Edits to a started run's spec are ignored; say so once per edit. */
  private List<PlannedEvent> specEditWarnings(PipelineRun run, PipelineRunStatus status) {
    Long generation = run.getMetadata().getGeneration();
    if (generation == null || status.getObservedGeneration() == null
        || generation <= status.getObservedGeneration()) {
      return List.of();
    }
    status.setObservedGeneration(generation);
    String digest = ControlFreeSpec.digest(run.getSpec());
    if (status.getSpecDigest() != null && status.getSpecDigest().equals(digest)) {
      return List.of(); // only control fields changed: they act, nothing was ignored
    }
    // The warning says once per edit what was ignored, so the next edit is compared with this one.
    status.setSpecDigest(status.getSpecDigest() == null ? null : digest);
    List<PlannedEvent> warnings = new ArrayList<>();
    warnings.add(PlannedEvent.warning("SpecChangeIgnored",
        "the spec changed after the run started (generation " + generation + "); a started run keeps the spec "
            + "it started with, except the control fields state, retry and skipNodes"));
    return warnings;
  }

  private UpdateControl<PipelineRun> acknowledgeSpecEdits(PipelineRun run, Context<PipelineRun> context) {
    PipelineRunStatus status = StatusWriter.copyOfStatus(run);
    List<PlannedEvent> warnings = specEditWarnings(run, status);
    if (!warnings.isEmpty()) {
      writeAndEmit(run, status, warnings, List.of(), context);
    }
    return UpdateControl.noUpdate();
  }

  private static UpdateControl<PipelineRun> reschedule(Optional<Instant> wakeUpAt, Instant now) {
    if (wakeUpAt.isEmpty()) {
      return UpdateControl.noUpdate();
    }
    Duration delay = Duration.between(now, wakeUpAt.get());
    return UpdateControl.<PipelineRun>noUpdate()
        .rescheduleAfter(delay.isNegative() || delay.isZero() ? Duration.ofMillis(100) : delay.plusMillis(50));
  }
}
