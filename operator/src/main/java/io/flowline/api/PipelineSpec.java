package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PipelineSpec {
  @JsonPropertyDescription("Free text describing what the pipeline does.")
  private String description;

  @JsonPropertyDescription("When runs start by themselves. Manual (default): only when a PipelineRun is created "
      + "or the schedule fires. Auto: a service-like pipeline, started as soon as it is valid and again "
      + "sleepTimeout after each run ends (state Sleeping in between, status.nextScheduleTime = the wake-up). Auto runs "
      + "are named <pipeline>-auto-<cycle> and carry no params, so every required param needs a default. The newest "
      + "Auto run is kept whatever the history limits: the cycle count continues from it.")
  private Activation activation;

  @JsonPropertyDescription("Auto activation only: how long to wait after a run ends before starting the next one. "
      + "Go-style duration such as 30s, 5m or 1h30m; unset or 0 starts the next run at once. Ignored when Manual."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String sleepTimeout;

  @JsonPropertyDescription("true: no new runs from activation or schedule; manual runs are still allowed. "
      + "A run already active finishes; turning suspend off lets a fire missed meanwhile run once, within "
      + "schedule.startingDeadlineSeconds.")
  private Boolean suspend;

  @JsonPropertyDescription("Starts runs on a cron schedule, like a CronJob: each fire creates run "
      + "<pipeline>-<fire time in minutes since the Unix epoch> (no params), owned by the Pipeline. Fires missed "
      + "while the operator was down catch up with at most one run, the most recent, and only within "
      + "startingDeadlineSeconds; the others are reported in one MissedSchedule Warning event.")
  private ScheduleSpec schedule;

  @JsonPropertyDescription("Limits how many runs of this pipeline are active at once.")
  private ConcurrencySpec concurrency;

  @JsonPropertyDescription("How many finished runs of this pipeline are kept; the operator deletes older ones, "
      + "oldest first, with an Event on the Pipeline for each.")
  private HistorySpec history;

  @JsonPropertyDescription("Default timeout of a whole run, counted from the run's status.startTime. Go-style "
      + "duration (s, m, h); 0 or empty means no timeout. A run's spec.timeout overrides it."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String timeout;

  @JsonPropertyDescription("Typed run parameters, referenced as $(params.NAME) in node command, args, env values "
      + "and workingDir.")
  private List<ParamSpec> params = new ArrayList<>();

  @JsonPropertyDescription("Settings applied to every node that does not set its own. A node field replaces the "
      + "default field as a whole (retry, nodeSelector and tolerations are not merged).")
  private NodeDefaults defaults;

  @JsonPropertyDescription("One volume shared by every node of a run, mounted at /workspace in every node's "
      + "container: a PersistentVolumeClaim <run>-ws created by the operator as the run starts, owned by the run and "
      + "deleted with it. A claim of that name the run does not own fails the run. spec.retry continues in place with "
      + "the same claim and its files; a run with rerunOf gets a new, empty workspace (copied nodes do not rerun, so "
      + "files they wrote are not there). See accessModes for how ReadWriteOnce keeps the run's pods on one node.")
  private WorkspaceSpec workspace;

  @JsonPropertyDescription("Pod volumes (configMap, secret, persistentVolumeClaim, emptyDir, ...), as in a pod "
      + "spec; a node mounts them with volumeMounts and only the volumes a node mounts are added to its pods. Names "
      + "are unique DNS-1123 labels; \"workspace\" is reserved. Each volume has exactly one source (checked by the "
      + "operator).")
  private List<Volume> volumes = new ArrayList<>();

  @JsonPropertyDescription("The nodes of the DAG. Each node attempt runs as one Kubernetes Job.")
  @Required
  @Size(min = 1)
  private List<NodeSpec> nodes = new ArrayList<>();

  @JsonPropertyDescription("Nodes that run after every node of spec.nodes has finished, whatever the outcome: after "
      + "success, after a failure (fail fast), after spec.state Stopped and after the run timeout, but not after "
      + "spec.state Cancelled. Finally nodes may depend on each other, never on a main node, and no main node may "
      + "depend on one; names are unique across nodes and finally. Within the finally part the fail-fast rule "
      + "holds as in the main part. Only finally nodes may use $(run.status), the main part's outcome (Succeeded, "
      + "Failed, Stopped or Timeout), and $(nodes.NODE.phase), a main node's phase (Pending for a node that never "
      + "started). They may also read outputs of any main node ($(nodes.NODE.outputs.NAME); \"\" unless that node "
      + "Succeeded). The run stays Running while they run and ends with the main part's outcome, except that a "
      + "finally node failing (or timing out) fails a run whose main part Succeeded. spec.retry runs every "
      + "finally node again after the main part; a rerun (spec.rerunOf) never copies them.")
  @JsonProperty("finally")
  private List<NodeSpec> finallyNodes = new ArrayList<>();

  @JsonPropertyDescription("Bound of the finally part, counted from when it began (the run timeout does not apply "
      + "to it). At the bound running finally Jobs are deleted and their nodes fail (reason FinallyTimeout). "
      + "Go-style duration; default 10m, 0 = no bound." + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String finallyTimeout;

  public String getDescription() { return description; }
  public void setDescription(String description) { this.description = description; }
  public Activation getActivation() { return activation; }
  public void setActivation(Activation activation) { this.activation = activation; }
  public String getSleepTimeout() { return sleepTimeout; }
  public void setSleepTimeout(String sleepTimeout) { this.sleepTimeout = sleepTimeout; }
  public Boolean getSuspend() { return suspend; }
  public void setSuspend(Boolean suspend) { this.suspend = suspend; }
  public ScheduleSpec getSchedule() { return schedule; }
  public void setSchedule(ScheduleSpec schedule) { this.schedule = schedule; }
  public ConcurrencySpec getConcurrency() { return concurrency; }
  public void setConcurrency(ConcurrencySpec concurrency) { this.concurrency = concurrency; }
  public HistorySpec getHistory() { return history; }
  public void setHistory(HistorySpec history) { this.history = history; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public List<ParamSpec> getParams() { return params; }
  public void setParams(List<ParamSpec> params) { this.params = params == null ? new ArrayList<>() : params; }
  public NodeDefaults getDefaults() { return defaults; }
  public void setDefaults(NodeDefaults defaults) { this.defaults = defaults; }
  public WorkspaceSpec getWorkspace() { return workspace; }
  public void setWorkspace(WorkspaceSpec workspace) { this.workspace = workspace; }
  public List<Volume> getVolumes() { return volumes; }
  public void setVolumes(List<Volume> volumes) { this.volumes = volumes == null ? new ArrayList<>() : volumes; }
  public List<NodeSpec> getNodes() { return nodes; }
  public void setNodes(List<NodeSpec> nodes) { this.nodes = nodes == null ? new ArrayList<>() : nodes; }
  @JsonProperty("finally")
  public List<NodeSpec> getFinallyNodes() { return finallyNodes; }
  @JsonProperty("finally")
  public void setFinallyNodes(List<NodeSpec> finallyNodes) {
    this.finallyNodes = finallyNodes == null ? new ArrayList<>() : finallyNodes;
  }
  public String getFinallyTimeout() { return finallyTimeout; }
  public void setFinallyTimeout(String finallyTimeout) { this.finallyTimeout = finallyTimeout; }
}
