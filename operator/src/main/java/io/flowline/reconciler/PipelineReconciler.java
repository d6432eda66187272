package io.flowline.reconciler;

import io.flowline.api.PipelineSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineState;
import io.flowline.api.PipelineStatus;
import io.flowline.api.RunPhase;
import io.flowline.api.RunSummary;
import io.flowline.engine.PipelineStateResolver;
import io.flowline.engine.PipelineRunsView;
import io.flowline.engine.RunRecord;
import io.flowline.engine.PipelineValidator;
import io.flowline.engine.ResolvedPipeline;
import io.flowline.engine.Timestamps;
import io.flowline.engine.PlannedEvent;
import io.flowline.engine.Conditions;
import io.flowline.kube.CacheTrimming;
import io.flowline.kube.EventRecorder;
import io.flowline.kube.StatusConflictException;
import io.flowline.kube.StatusWriter;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Keeps a Pipeline's status: validity (Ready condition), state from its runs, and the last run. */
public final class PipelineReconciler implements Reconciler<Pipeline> {
  private static final Duration AFTER_CONFLICT = Duration.ofMillis(200);
  private static final Duration WAKE_MARGIN = Duration.ofMillis(100);

  private final PipelineValidator validator = new PipelineValidator();
  private final StatusWriter statusWriter;
  private final EventRecorder events;
  private final RunHistory history;
  private final PipelineTriggers triggers;
  // The runs informer's store, indexed by pipeline: a reconcile reads what can matter, not every run of the pipeline.
  private final RunLedger runs = new RunLedger(CacheTrimming.store(CacheTrimming::runSummary));
  private final Consumer<Pipeline> wakeWaitingRuns;
  private final Clock clock;
  private volatile InformerEventSource<NodeTemplate, Pipeline> templates;

  /**
   * @param wakeWaitingRuns makes a Pipeline's runs that wait for a concurrency slot decide again: a run deleted or
   *     a limit raised frees a slot without any run's phase changing
   */
  public PipelineReconciler(KubernetesClient client, Clock clock, Consumer<Pipeline> wakeWaitingRuns) {
    this.wakeWaitingRuns = wakeWaitingRuns;
    this.statusWriter = new StatusWriter(client);
    this.events = new EventRecorder(client);
    this.history = new RunHistory(client);
    this.triggers = new PipelineTriggers(new TriggeredRuns(client));
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, Pipeline>> prepareEventSources(EventSourceContext<Pipeline> context) {
    var runEvents = new InformerEventSource<>(InformerEventSourceConfiguration.from(PipelineRun.class, Pipeline.class)
        .withSecondaryToPrimaryMapper((PipelineRun run) -> PipelineRefs.nameOf(run)
            .map(name -> Set.of(new ResourceID(name, run.getMetadata().getNamespace()))).orElse(Set.of()))
        .withItemStore(runs)
        // Only what the summary shows: a run's every step (a node finished, a Job started) changes nothing here.
        .withOnUpdateFilter(PipelineReconciler::summaryChanged)
        .build(), context);
    // A template edit, creation or deletion re-validates the Pipelines that use it.
    templates = NodeTemplates.informer(Pipeline.class, NodeTemplates.usersIn(context.getPrimaryCache()), context);
    return List.of(runEvents, templates);
  }

  @Override
  public UpdateControl<Pipeline> reconcile(Pipeline pipeline, Context<Pipeline> context) {
    Instant now = clock.instant();
    PipelineStatus previous = pipeline.getStatus() == null ? new PipelineStatus() : pipeline.getStatus();
    PipelineStatus status = Serialization.clone(previous);
    Long generation = pipeline.getMetadata().getGeneration();
    // From the cache only: a template that reaches it later is an event, and the Pipeline is validated again.
    List<String> problems = ResolvedPipeline.of(pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec(),
        "spec", pipeline.getMetadata().getNamespace(), NodeTemplates.in(pipeline.getMetadata().getNamespace(),
            this::cachedTemplate), validator).problems();
    String message = String.join("; ", problems);
    status.setConditions(problems.isEmpty()
        ? Conditions.set(status.getConditions(), "Ready", "True", "Valid", "", generation, now)
        : Conditions.set(status.getConditions(), "Ready", "False", "Invalid", message, generation, now));

    PipelineRunsView pipelineRuns = runs.view(pipeline);
    PipelineTriggers.Outcome triggered = triggers.fire(pipeline, problems.isEmpty(), pipelineRuns.autoRuns(), now);
    // Now: the runs exist, and a status conflict below must not lose the Events that announce them.
    events.record(pipeline, triggered.events());
    status.setLastScheduleTime(Timestamps.format(triggered.lastScheduleTime()));
    status.setNextScheduleTime(Timestamps.format(triggered.wakeAt()));
    PipelineState state = PipelineStateResolver.resolve(problems.isEmpty(), pipelineRuns.stateInputs(),
        triggered.sleeping());
    status.setState(state);
    status.setStateCode(state.code());
    status.setObservedGeneration(generation);
    status.setActiveRuns(pipelineRuns.countIn(RunPhase.Running, RunPhase.Paused));
    status.setQueuedRuns(pipelineRuns.countIn(RunPhase.Queued));
    status.setLastRun(pipelineRuns.newest().map(PipelineReconciler::summary).orElse(null));

    List<PlannedEvent> planned = new ArrayList<>();
    // A new generation, or a valid one made invalid by a NodeTemplate it uses (created, edited or deleted).
    boolean wasValid = "Valid".equals(Conditions.reason(previous.getConditions(), "Ready"));
    if (!problems.isEmpty() && (wasValid || !Objects.equals(previous.getObservedGeneration(), generation))) {
      planned.add(PlannedEvent.warning("Invalid", "pipeline is invalid: " + message));
    }
    try {
      statusWriter.write(pipeline, status, context);
    } catch (StatusConflictException e) {
      return UpdateControl.<Pipeline>noUpdate().rescheduleAfter(AFTER_CONFLICT);
    }
    events.record(pipeline, planned);
    if (status.getQueuedRuns() != null && status.getQueuedRuns() > 0) {
      wakeWaitingRuns.accept(pipeline);
    }
    // After the status: what it shows is true either way, and a failed delete is retried by the next reconcile.
    events.record(pipeline, history.prune(pipeline, pipelineRuns.beyondHistory()));
    if (triggered.wakeAt() == null) {
      return UpdateControl.noUpdate();
    }
    // Just past the fire or wake-up time, so the planner, on the same clock, finds it due.
    Duration untilWake = Duration.between(now, triggered.wakeAt()).plus(WAKE_MARGIN);
    return UpdateControl.<Pipeline>noUpdate().rescheduleAfter(untilWake.isNegative() ? WAKE_MARGIN : untilWake);
  }

  private Optional<NodeTemplate> cachedTemplate(ResourceID id) {
    return templates == null ? Optional.empty() : templates.get(id);
  }

  private static boolean summaryChanged(PipelineRun before, PipelineRun after) {
    PipelineRunStatus was = before.getStatus() == null ? new PipelineRunStatus() : before.getStatus();
    PipelineRunStatus is = after.getStatus() == null ? new PipelineRunStatus() : after.getStatus();
    return was.getPhase() != is.getPhase() || was.getNodes().isEmpty() != is.getNodes().isEmpty()
        || !Objects.equals(was.getStartTime(), is.getStartTime())
        || !Objects.equals(was.getCompletionTime(), is.getCompletionTime());
  }

  private static RunSummary summary(RunRecord run) {
    RunSummary summary = new RunSummary();
    summary.setName(run.name());
    summary.setPhase(run.phase());
    summary.setStartTime(run.startTime());
    summary.setCompletionTime(run.completionTime());
    return summary;
  }
}
