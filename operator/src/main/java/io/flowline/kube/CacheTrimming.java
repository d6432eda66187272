package io.flowline.kube;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineRunStatus;
import io.javaoperatorsdk.operator.processing.event.source.informer.TransformingItemStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * What the informer caches keep of each object: the fields the operator reads, so the operator's memory grows
 * with the number of objects it watches, not with their size. A pod's spec, a Job's pod template, managedFields
 * and kubectl's last-applied annotation are most of an object and never read.
 *
 * <p>The informer hands the same instance to the event handlers, so what the mappers and filters read stays:
 * names, labels, annotations, owner references, generation and resourceVersion.
 */
public final class CacheTrimming {
  static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

  private CacheTrimming() {
  }

  public static <R extends HasMetadata> ItemStore<R> store(UnaryOperator<R> trim) {
    return new TransformingItemStore<>(trim);
  }

  /** A Job as AttemptInspector and the stepper read it: metadata, the deadline, the status. */
  public static Job job(Job job) {
    trimMetadata(job);
    if (job.getSpec() != null) {
      job.getSpec().setTemplate(null);
      job.getSpec().setSelector(null);
    }
    return job;
  }

  /** A pod as AttemptInspector reads it: metadata and status; of its spec the node it was scheduled to. */
  public static Pod pod(Pod pod) {
    trimMetadata(pod);
    String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    pod.setSpec(nodeName == null ? null : new PodSpecBuilder().withNodeName(nodeName).build());
    return pod;
  }

  /** A run as the run reconciler reads it: all of it but the metadata no one reads. */
  public static PipelineRun run(PipelineRun run) {
    trimMetadata(run);
    return run;
  }

  /**
   * A run as a Pipeline's status reads it: its name, the Pipeline it names, its phase and times, and whether it
   * has a node table (one entry stands for it). With 10,000 runs kept this cache is the second copy of every
   * run, so it keeps only that.
   */
  public static PipelineRun runSummary(PipelineRun run) {
    trimMetadata(run);
    // Empty, not null: JOSDK's event handling reads annotations.
    run.getMetadata().setAnnotations(new HashMap<>());
    run.getMetadata().setLabels(new HashMap<>());
    PipelineRunSpec spec = run.getSpec();
    if (spec != null) {
      PipelineRunSpec kept = new PipelineRunSpec();
      kept.setPipelineRef(spec.getPipelineRef());
      run.setSpec(kept);
    }
    PipelineRunStatus status = run.getStatus();
    if (status != null) {
      PipelineRunStatus kept = new PipelineRunStatus();
      kept.setPhase(status.getPhase());
      kept.setStartTime(status.getStartTime());
      kept.setCompletionTime(status.getCompletionTime());
      if (!status.getNodes().isEmpty()) {
        kept.setNodes(new ArrayList<>(List.of(status.getNodes().get(0))));
      }
      run.setStatus(kept);
    }
    return run;
  }

  public static Pipeline pipeline(Pipeline pipeline) {
    trimMetadata(pipeline);
    return pipeline;
  }

  /** A NodeTemplate as template resolution reads it: its spec. */
  public static NodeTemplate nodeTemplate(NodeTemplate template) {
    trimMetadata(template);
    return template;
  }

  private static void trimMetadata(HasMetadata object) {
    ObjectMeta metadata = object.getMetadata();
    metadata.setManagedFields(null);
    if (metadata.getAnnotations() != null && metadata.getAnnotations().containsKey(LAST_APPLIED)) {
      Map<String, String> kept = new LinkedHashMap<>(metadata.getAnnotations());
      kept.remove(LAST_APPLIED);
      metadata.setAnnotations(kept);
    }
  }
}
