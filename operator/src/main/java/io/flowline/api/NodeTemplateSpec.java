package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a node runs and how: every node field except its place in the DAG (name, dependsOn), its fan-out (forEach,
 * maxParallel) and templateRef. It is the spec of a NodeTemplate and the base of NodeSpec, so a template can give
 * exactly what a node can set.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeTemplateSpec {
  public static final String OUTPUT_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_.-]*$";

  @JsonPropertyDescription("Container image of the node: [registry[:port]/]repository[:tag][@digest], the "
      + "repository in lower case (e.g. busybox:1.36). Checked by the operator: a malformed image makes the "
      + "Pipeline Invalid. Every node needs one, set on the node or given by its template (templateRef).")
  private String image;

  @JsonPropertyDescription("Container entrypoint; substitutions such as $(params.NAME) are applied. busybox has no "
      + "entrypoint: always give a command.")
  private List<String> command = new ArrayList<>();

  @JsonPropertyDescription("Container arguments; substitutions are applied.")
  private List<String> args = new ArrayList<>();

  @JsonPropertyDescription("Container environment; substitutions are applied to value (inserted values arrive "
      + "as given: their '$' is escaped for the kubelet). Names follow Kubernetes' rule ([-._a-zA-Z][-._a-zA-Z0-9]*), "
      + "checked by the operator.")
  private List<EnvVar> env = new ArrayList<>();

  @JsonPropertyDescription("Container environment from ConfigMaps and Secrets.")
  private List<EnvFromSource> envFrom = new ArrayList<>();

  @JsonPropertyDescription("Container working directory; substitutions are applied.")
  private String workingDir;

  @JsonPropertyDescription("Volume mounts of the container, as in a pod spec: name is a volume of spec.volumes, "
      + "or \"workspace\" to mount (part of) the workspace somewhere else too. The workspace itself is mounted at "
      + "/workspace in every node, so no mount may be at or under /workspace. mountPath is absolute and unique "
      + "within the node; subPath is relative, without '..'. Checked by the operator.")
  private List<VolumeMount> volumeMounts = new ArrayList<>();

  @JsonPropertyDescription("Image pull policy of the container: Always, IfNotPresent or Never.")
  private PullPolicy imagePullPolicy;

  @JsonPropertyDescription("Node-level params, referenced as $(params.NAME) in this node only and set per run with "
      + "spec.nodeParams. A name must not repeat a pipeline param.")
  private List<ParamSpec> params = new ArrayList<>();

  @JsonPropertyDescription("Declared outputs. The node writes name=value lines to /dev/termination-log (at most "
      + "4096 bytes); downstream nodes read them as $(nodes.NODE.outputs.NAME). A declared output that is missing "
      + "fails the node (OutputsMissing).")
  private List<@Pattern(OUTPUT_NAME_PATTERN) String> outputs = new ArrayList<>();

  @JsonPropertyDescription("Container resource requests and limits. Checked by the operator: every value must "
      + "be a Kubernetes quantity (e.g. 500m, 256Mi), not negative, and no request above its limit.")
  private ResourceRequirements resources;

  @JsonPropertyDescription("Retry policy of this node; replaces defaults.retry as a whole.")
  private RetrySpec retry;

  @JsonPropertyDescription("Timeout of one attempt (Job activeDeadlineSeconds); a timed-out attempt is retried like "
      + "any failure. Go-style duration; replaces defaults.timeout."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String timeout;

  @JsonPropertyDescription("true: this node failing does not fail the run; its dependents still run and its "
      + "outputs resolve to the empty string.")
  private Boolean allowFailure;

  @JsonPropertyDescription("Service account of this node's pods. Precedence: node, then the run's "
      + "spec.serviceAccountName, then pipeline defaults. Must be " + KubernetesNames.DNS_SUBDOMAIN_RULE
      + " (checked by the operator). With none set anywhere, pods run as the namespace's default ServiceAccount "
      + "without an API token mounted: a token is only there when a service account is asked for.")
  private String serviceAccountName;

  @JsonPropertyDescription("Node selector of this node's pods; replaces defaults.nodeSelector.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of this node's pods; replace defaults.tolerations.")
  private List<Toleration> tolerations;

  public String getImage() { return image; }
  public void setImage(String image) { this.image = image; }
  public List<String> getCommand() { return command; }
  public void setCommand(List<String> command) { this.command = command == null ? new ArrayList<>() : command; }
  public List<String> getArgs() { return args; }
  public void setArgs(List<String> args) { this.args = args == null ? new ArrayList<>() : args; }
  public List<EnvVar> getEnv() { return env; }
  public void setEnv(List<EnvVar> env) { this.env = env == null ? new ArrayList<>() : env; }
  public List<EnvFromSource> getEnvFrom() { return envFrom; }
  public void setEnvFrom(List<EnvFromSource> envFrom) { this.envFrom = envFrom == null ? new ArrayList<>() : envFrom; }
  public String getWorkingDir() { return workingDir; }
  public void setWorkingDir(String workingDir) { this.workingDir = workingDir; }
  public List<VolumeMount> getVolumeMounts() { return volumeMounts; }
  public void setVolumeMounts(List<VolumeMount> volumeMounts) {
    this.volumeMounts = volumeMounts == null ? new ArrayList<>() : volumeMounts;
  }
  public PullPolicy getImagePullPolicy() { return imagePullPolicy; }
  public void setImagePullPolicy(PullPolicy imagePullPolicy) { this.imagePullPolicy = imagePullPolicy; }
  public List<ParamSpec> getParams() { return params; }
  public void setParams(List<ParamSpec> params) { this.params = params == null ? new ArrayList<>() : params; }
  public List<String> getOutputs() { return outputs; }
  public void setOutputs(List<String> outputs) { this.outputs = outputs == null ? new ArrayList<>() : outputs; }
  public ResourceRequirements getResources() { return resources; }
  public void setResources(ResourceRequirements resources) { this.resources = resources; }
  public RetrySpec getRetry() { return retry; }
  public void setRetry(RetrySpec retry) { this.retry = retry; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public Boolean getAllowFailure() { return allowFailure; }
  public void setAllowFailure(Boolean allowFailure) { this.allowFailure = allowFailure; }
  public String getServiceAccountName() { return serviceAccountName; }
  public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
  public Map<String, String> getNodeSelector() { return nodeSelector; }
  public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
  public List<Toleration> getTolerations() { return tolerations; }
  public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }

  public boolean isAllowFailure() {
    return Boolean.TRUE.equals(allowFailure);
  }
}
