package io.flowline.reconciler;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RerunOf;
import io.flowline.engine.RerunSeed;
import io.flowline.engine.RunStatuses;
import io.flowline.engine.NodeTables;
import io.flowline.kube.NodeTableStore;
import java.util.List;
import java.util.Optional;

/**
 * Finds the run named by {@code spec.rerunOf} and decides whether the new run may take its results over. Every
 * refusal ends the new run before any Job exists, with a reason a user can act on.
 */
final class RerunSources {
  static final String NOT_FOUND = "RerunSourceNotFound";
  static final String INVALID = "RerunSourceInvalid";

  /** Either the seed to start from, or why the new run fails (a Succeeded-condition reason and a message). */
  record Lookup(RerunSeed seed, String reason, String message) {
    static Lookup found(RerunSeed seed) {
      return new Lookup(seed, null, null);
    }

    static Lookup refused(String reason, String message) {
      return new Lookup(null, reason, message);
    }
  }

  private final KubernetesClient client;
  private final NodeTableStore nodeTables;

  RerunSources(KubernetesClient client, NodeTableStore nodeTables) {
    this.client = client;
    this.nodeTables = nodeTables;
  }

  /**
   * What is wrong with the new run's own rerunOf, known without reading the source: checked before the run
   * waits for a concurrency slot, so a queued run cannot fail on it hours later.
   */
  static Optional<String> specProblem(PipelineRunSpec spec, PipelineSpec snapshot) {
    RerunOf rerunOf = spec.getRerunOf();
    if (rerunOf == null) {
      return Optional.empty();
    }
    if (spec.getPipelineRef() == null) {
      return Optional.of("spec.rerunOf: a run with an inline pipelineSpec cannot rerun another run; only runs of "
          + "the same Pipeline (spec.pipelineRef) can");
    }
    List<String> unknown = RerunSeed.unknownNodes(snapshot, rerunOf.getFromNodes());
    if (!unknown.isEmpty()) {
      return Optional.of("spec.rerunOf.fromNodes: " + (unknown.size() == 1 ? "node " : "nodes ")
          + String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are") + " not in pipeline "
          + spec.getPipelineRef().getName());
    }
    return Optional.empty();
  }

  /**
   * Reads the source run live (the cache may not hold a run created moments ago) and its node table. A 404 is a
   * missing source; any other API error propagates, so a transient one is retried with backoff.
   */
  Lookup seed(PipelineRun run, PipelineSpec snapshot) {
    RerunOf rerunOf = run.getSpec().getRerunOf();
    String name = rerunOf.getName();
    String namespace = run.getMetadata().getNamespace();
    String pipeline = run.getSpec().getPipelineRef().getName();
    PipelineRun source = client.resources(PipelineRun.class).inNamespace(namespace).withName(name).get();
    if (source == null) {
      return Lookup.refused(NOT_FOUND, "spec.rerunOf.name: run " + name + " not found in namespace " + namespace);
    }
    Optional<String> foreign = foreignPipeline(source, pipeline);
    if (foreign.isPresent()) {
      return invalid(name, foreign.get());
    }
    PipelineRunStatus status = source.getStatus();
    if (!RunStatuses.finished(status)) {
      String phase = status == null || status.getPhase() == null ? "Pending" : status.getPhase().name();
      return invalid(name, "is still " + phase + "; rerun a finished run");
    }
    if (!RunStatuses.started(status)) {
      return invalid(name, "never started (it ended " + status.getPhase() + " before running a node); there is "
          + "nothing to copy");
    }
    List<NodeStatus> offloaded = nodeTables.load(source, status.getNodesRef());
    if (offloaded == null) {
      return invalid(name, "has lost part of its node table (a ConfigMap of " + status.getNodesRef()
          + " is missing)");
    }
    List<NodeStatus> table = NodeTables.merge(offloaded, status.getNodes());
    return Lookup.found(RerunSeed.of(snapshot, name, table, rerunOf.getFromNodes()));
  }

  private static Optional<String> foreignPipeline(PipelineRun source, String pipeline) {
    PipelineRunSpec spec = source.getSpec();
    if (spec == null || spec.getPipelineRef() == null) {
      return Optional.of("ran an inline pipelineSpec, not pipeline " + pipeline);
    }
    String theirs = spec.getPipelineRef().getName();
    return pipeline.equals(theirs) ? Optional.empty()
        : Optional.of("is a run of pipeline " + theirs + ", not of " + pipeline);
  }

  private static Lookup invalid(String source, String problem) {
    return Lookup.refused(INVALID, "spec.rerunOf.name: run " + source + " " + problem);
  }
}
