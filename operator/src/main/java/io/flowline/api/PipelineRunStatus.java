package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PipelineRunStatus {
  @JsonPropertyDescription("Pending, Queued, Running, Paused, Stopping, Succeeded, Failed or Cancelled.")
  private RunPhase phase;

  @JsonPropertyDescription("Succeeded (Knative/Tekton convention, works with kubectl wait and Argo CD health): "
      + "Unknown while the run is active, True or False when it ended; reason Pending, Running, Succeeded, Failed, "
      + "Cancelled, Stopped, Timeout, InvalidParams, PipelineNotFound, PipelineInvalid, ConcurrencyLimit, "
      + "StatusTooLarge, RerunSourceNotFound (spec.rerunOf names no run) or RerunSourceInvalid (the spec.rerunOf "
      + "source cannot be rerun: another pipeline, not finished, never started, or an unknown fromNodes entry). "
      + "ControlAccepted (present once spec.retry or spec.skipNodes asked for something): True when honoured "
      + "(reason Retried, Accepted), False with reason RetryIgnored or SkipRefused and why.")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("When the run started executing.")
  private String startTime;

  @JsonPropertyDescription("When the run ended.")
  private String completionTime;

  @JsonPropertyDescription("Finished nodes / all nodes, e.g. 3/5.")
  private String progress;

  @JsonPropertyDescription("Human-readable state, e.g. the failed node and its exit code.")
  private String message;

  @JsonPropertyDescription("The metadata.generation of the run last handled.")
  private Long observedGeneration;

  @JsonPropertyDescription("Digest of the spec the run started with, control fields (state, retry, skipNodes) left "
      + "out: an edit that changes it is ignored, with a SpecChangeIgnored Warning event.")
  private String specDigest;

  @JsonPropertyDescription("The Pipeline generation this run snapshotted.")
  private Long pipelineGeneration;

  @JsonPropertyDescription("The pipeline spec this run executes, snapshotted at start: editing the Pipeline never "
      + "changes a started run.")
  private PipelineSpec pipelineSpec;

  @JsonPropertyDescription("Name of the ConfigMap holding the snapshot (gzip+base64 JSON) when it is over 256 KiB.")
  private String pipelineSpecRef;

  @JsonPropertyDescription("Resolved pipeline params, defaults applied.")
  private List<ParamValue> params = new ArrayList<>();

  @JsonPropertyDescription("The spec.retry value handled so far: each increment of spec.retry above it is one "
      + "request, applied to a Failed or Cancelled run and otherwise recorded here as ignored (condition "
      + "ControlAccepted says why). A run starts with status.retry = spec.retry: nothing to retry yet.")
  private Integer retry;

  @JsonPropertyDescription("When the last spec.retry was applied. The run timeout of a retried run counts from "
      + "here instead of startTime, so a run that timed out can be retried.")
  private String lastRetryTime;

  @JsonPropertyDescription("Position in the pipeline's queue while Queued: 1 starts next.")
  private Integer queuePosition;

  @JsonPropertyDescription("One compact entry per node that has left Pending; nodes that never started are not "
      + "listed, except nodes spec.skipNodes skipped and nodes spec.retry reset to Pending (with their last attempt). Empty and zero fields are left out, and derivable ones too: the Job name when it is the plain "
      + "<run>-<node>-<attempt>, the exit code 0 of a Succeeded node. A large table keeps its finished entries in the "
      + "ConfigMaps named by nodesRef.")
  private List<NodeStatus> nodes = new ArrayList<>();

  @JsonPropertyDescription("Names of the ConfigMaps (<run>-nodes-<i>, owned by the run) that hold the finished "
      + "entries of a large node table, in order, each as gzip+base64 JSON under the key nodes.json.gz.b64. Set only "
      + "when the table grew past the inline budget: running, waiting and (while they fit) failed nodes stay in "
      + "nodes; every node is listed in exactly one place. Node results are never discarded.")
  private List<String> nodesRef = new ArrayList<>();

  @JsonPropertyDescription("The Kubernetes node the run's pods are kept on, for a ReadWriteOnce workspace: the node "
      + "of the first pod of the run the operator saw scheduled. Every pod created after it is set gets a required "
      + "nodeAffinity to this node.")
  private String workspaceNode;

  @JsonPropertyDescription("Number of nodes per phase, set when part of the node table lives in nodesRef.")
  private Map<String, Integer> nodeCounts;

  public String getWorkspaceNode() { return workspaceNode; }
  public void setWorkspaceNode(String workspaceNode) { this.workspaceNode = workspaceNode; }

  @JsonPropertyDescription("Set once the main part of a run with finally nodes has ended: its outcome and when the "
      + "finally part began. Cleared by spec.retry, which runs the finally nodes again after the main part.")
  @JsonProperty("finally")
  private FinallyStatus finallyStatus;

  @JsonProperty("finally")
  public FinallyStatus getFinallyStatus() { return finallyStatus; }
  @JsonProperty("finally")
  public void setFinallyStatus(FinallyStatus finallyStatus) { this.finallyStatus = finallyStatus; }
  public List<String> getNodesRef() { return nodesRef; }
  public void setNodesRef(List<String> nodesRef) { this.nodesRef = nodesRef == null ? new ArrayList<>() : nodesRef; }
  public Map<String, Integer> getNodeCounts() { return nodeCounts; }
  public void setNodeCounts(Map<String, Integer> nodeCounts) { this.nodeCounts = nodeCounts; }
  public RunPhase getPhase() { return phase; }
  public void setPhase(RunPhase phase) { this.phase = phase; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions == null ? new ArrayList<>() : conditions; }
  public String getStartTime() { return startTime; }
  public void setStartTime(String startTime) { this.startTime = startTime; }
  public String getCompletionTime() { return completionTime; }
  public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
  public String getProgress() { return progress; }
  public void setProgress(String progress) { this.progress = progress; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public String getSpecDigest() { return specDigest; }
  public void setSpecDigest(String specDigest) { this.specDigest = specDigest; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public Long getPipelineGeneration() { return pipelineGeneration; }
  public void setPipelineGeneration(Long pipelineGeneration) { this.pipelineGeneration = pipelineGeneration; }
  public PipelineSpec getPipelineSpec() { return pipelineSpec; }
  public void setPipelineSpec(PipelineSpec pipelineSpec) { this.pipelineSpec = pipelineSpec; }
  public String getPipelineSpecRef() { return pipelineSpecRef; }
  public void setPipelineSpecRef(String pipelineSpecRef) { this.pipelineSpecRef = pipelineSpecRef; }
  public List<ParamValue> getParams() { return params; }
  public void setParams(List<ParamValue> params) { this.params = params == null ? new ArrayList<>() : params; }
  public String getLastRetryTime() { return lastRetryTime; }
  public void setLastRetryTime(String lastRetryTime) { this.lastRetryTime = lastRetryTime; }
  public Integer getRetry() { return retry; }
  public void setRetry(Integer retry) { this.retry = retry; }
  public Integer getQueuePosition() { return queuePosition; }
  public void setQueuePosition(Integer queuePosition) { this.queuePosition = queuePosition; }
  public List<NodeStatus> getNodes() { return nodes; }
  public void setNodes(List<NodeStatus> nodes) { this.nodes = nodes == null ? new ArrayList<>() : nodes; }
}
