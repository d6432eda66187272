package io.flowline.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.flowline.api.NodeDefaults;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.EffectiveNodeSettings;
import io.flowline.engine.JobNames;
import io.flowline.engine.Substitution;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds the Job of one node attempt. Jobs are create-only: the operator never updates one. */
public final class JobFactory {
  static final String CONTAINER_NAME = "main";

  public Job build(PipelineRun run, PipelineSpec spec, NodeSpec node, int attempt, String jobName,
      Map<String, String> substitutions) {
    return build(run, spec, node, attempt, jobName, substitutions, null);
  }

  /** @param workspaceNode the Kubernetes node a single-node workspace keeps the run on, null while not known */
  public Job build(PipelineRun run, PipelineSpec spec, NodeSpec node, int attempt, String jobName,
      Map<String, String> substitutions, String workspaceNode) {
    PodVolumes volumes = PodVolumes.of(run.getMetadata().getName(), spec, node, workspaceNode);
    Map<String, String> labels = labels(run, node.getName(), attempt);
    Map<String, String> annotations = Map.of(FlowlineLabels.RUN_NAME_ANNOTATION, run.getMetadata().getName());
    Duration timeout = EffectiveNodeSettings.timeout(spec, node);
    String named = EffectiveNodeSettings.serviceAccountName(spec, node);
    String serviceAccount = named == null || named.isBlank() ? null : named;
    return new JobBuilder()
        .withNewMetadata()
          .withName(jobName)
          .withNamespace(run.getMetadata().getNamespace())
          .withLabels(labels)
          .withAnnotations(annotations)
          .withOwnerReferences(OwnedObjects.controllerReference(run))
        .endMetadata()
        .withNewSpec()
          .withCompletions(1)
          .withParallelism(1)
          .withBackoffLimit(0)
          .withActiveDeadlineSeconds(timeout.isZero() ? null : Math.max(1, timeout.toSeconds()))
          .withNewTemplate()
            .withNewMetadata().withLabels(labels).withAnnotations(annotations).endMetadata()
            .withNewSpec()
              .withRestartPolicy("Never")
              .withServiceAccountName(serviceAccount)
              // No API token unless a service account was asked for: the namespace's default one is not a grant.
              .withAutomountServiceAccountToken(serviceAccount == null ? Boolean.FALSE : null)
              .withNodeSelector(nodeSelector(spec, node))
              .withTolerations(node.getTolerations() != null ? node.getTolerations()
                  : spec.getDefaults() == null ? null : spec.getDefaults().getTolerations())
              .withAffinity(volumes.affinity())
              .withVolumes(volumes.volumes())
              .withContainers(container(node, substitutions, volumes))
            .endSpec()
          .endTemplate()
        .endSpec()
        .build();
  }

  public static Map<String, String> labels(PipelineRun run, String node, int attempt) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(FlowlineLabels.PIPELINE, JobNames.labelValue(pipelineName(run)));
    labels.put(FlowlineLabels.RUN, JobNames.labelValue(run.getMetadata().getName()));
    labels.put(FlowlineLabels.NODE, JobNames.labelValue(node));
    labels.put(FlowlineLabels.ATTEMPT, String.valueOf(attempt));
    return labels;
  }

  /** The referenced Pipeline's name, or the run's own name for an inline spec (as $(pipeline.name) resolves). */
  public static String pipelineName(PipelineRun run) {
    if (run.getSpec() != null && run.getSpec().getPipelineRef() != null
        && run.getSpec().getPipelineRef().getName() != null) {
      return run.getSpec().getPipelineRef().getName();
    }
    return run.getMetadata().getName();
  }

  private static Map<String, String> nodeSelector(PipelineSpec spec, NodeSpec node) {
    if (node.getNodeSelector() != null) {
      return node.getNodeSelector();
    }
    NodeDefaults defaults = spec.getDefaults();
    return defaults == null ? null : defaults.getNodeSelector();
  }

  private static Container container(NodeSpec node, Map<String, String> substitutions, PodVolumes volumes) {
    return new ContainerBuilder()
        .withName(CONTAINER_NAME)
        .withImage(node.getImage())
        .withCommand(substituteAll(node.getCommand(), substitutions))
        .withArgs(substituteAll(node.getArgs(), substitutions))
        .withEnv(node.getEnv().stream().map(env -> substitute(env, substitutions)).toList())
        .withEnvFrom(node.getEnvFrom())
        // The kubelet does not expand workingDir, so its values go in unescaped.
        .withWorkingDir(Substitution.apply(node.getWorkingDir(), substitutions))
        .withImagePullPolicy(node.getImagePullPolicy() == null ? null : node.getImagePullPolicy().name())
        .withResources(node.getResources())
        .withVolumeMounts(volumes.mounts())
        .withTerminationMessagePolicy("FallbackToLogsOnError")
        .build();
  }

  private static List<String> substituteAll(List<String> values, Map<String, String> substitutions) {
    return values.stream().map(value -> Substitution.applyForKubelet(value, substitutions)).toList();
  }

  private static EnvVar substitute(EnvVar env, Map<String, String> substitutions) {
    return new EnvVarBuilder(env).withValue(Substitution.applyForKubelet(env.getValue(), substitutions)).build();
  }
}
