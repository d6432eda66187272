package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PipelineRunSpec {
  @JsonPropertyDescription("The Pipeline to run, in the run's namespace. Exactly one of pipelineRef and pipelineSpec "
      + "must be set. A Pipeline still missing 30 s after the run was created fails the run (PipelineNotFound).")
  private PipelineRef pipelineRef;

  @JsonPropertyDescription("An inline pipeline definition, instead of pipelineRef.")
  private PipelineSpec pipelineSpec;

  @JsonPropertyDescription("Values of pipeline params. An unknown name, a missing required param or a value not "
      + "matching the type or enum fails the run (InvalidParams) before any Job is created.")
  private List<ParamValue> params = new ArrayList<>();

  @JsonPropertyDescription("Values of node-level params, per node.")
  private List<NodeParams> nodeParams = new ArrayList<>();

  @JsonPropertyDescription("Free text for finding related runs; available as $(run.correlationId).")
  private String correlationId;

  @JsonPropertyDescription("When the pipeline's concurrency policy Queue makes runs wait, higher priority starts "
      + "first (then the older run). Default 0.")
  @Min(Integer.MIN_VALUE)
  @Max(Integer.MAX_VALUE)
  private Integer priority;

  @JsonPropertyDescription("Service account of node pods; overrides the pipeline default, a node's own setting wins. "
      + "Must be " + KubernetesNames.DNS_SUBDOMAIN_RULE + "; otherwise the run fails (InvalidParams).")
  private String serviceAccountName;

  @JsonPropertyDescription("Timeout of the whole run, counted from status.startTime; overrides the pipeline "
      + "timeout. Go-style duration; 0 means none. On expiry running Jobs are deleted and the run fails (Timeout)."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String timeout;

  @JsonPropertyDescription("Desired state, applied whenever it differs from what the run does (set it at "
      + "creation or with kubectl patch). Running (default; from Paused: resume). Paused: no new node starts, "
      + "retries included; running nodes go on; phase Paused; the run keeps its concurrency slot and its timeout "
      + "keeps counting. Stopped: no new node starts and waiting retries are cancelled; running nodes finish (phase "
      + "Stopping), then the run ends Cancelled, reason Stopped. Cancelled: running node Jobs are deleted at once, "
      + "their nodes marked Cancelled, and the run ends Cancelled, reason Cancelled; a run not started yet "
      + "(Pending, Queued) ends Cancelled without starting. A finished run ignores it.")
  private DesiredRunState state;

  @JsonPropertyDescription("Each increment retries a Failed or Cancelled run in place: its Failed and Cancelled "
      + "nodes go back to Pending and get one new attempt each (a new Job <run>-<node>-<attempt>), nodes that never "
      + "ran because of them run, Succeeded nodes and their outputs are kept. The run timeout counts again from the "
      + "retry. Under a concurrency limit the retry needs a free slot. An increment while the run is active, or of "
      + "a run that succeeded or never started, or while spec.state is Stopped or Cancelled (set it to Running in "
      + "the same edit), is recorded in status.retry as ignored, with why in the "
      + "ControlAccepted condition and a RetryIgnored Warning event.")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  private Integer retry;

  @JsonPropertyDescription("Nodes to skip, at creation or later: a listed node that has not started (or waits "
      + "for a retry) becomes Skipped and its dependents proceed; its outputs resolve to empty strings. A listed "
      + "node that is running or has ended is refused: condition ControlAccepted False (reason SkipRefused) and a "
      + "Warning event. At creation, a name that is not a node of the pipeline fails the run (InvalidParams).")
  private List<@Pattern(NodeSpec.NAME_PATTERN) @Size(min = 1, max = 63) String> skipNodes = new ArrayList<>();

  @JsonPropertyDescription("Start from an earlier finished run of the same Pipeline (spec.pipelineRef; not with an "
      + "inline pipelineSpec): its Succeeded nodes are copied, outputs included, except fromNodes and everything "
      + "downstream of them; empty fromNodes reruns only what did not succeed (and what is downstream of it). "
      + "Nodes are matched by name against the current Pipeline, which this run executes like any new run: a node "
      + "the source lacks runs, a source node the Pipeline no longer has is ignored. This run's params apply to the "
      + "nodes that run again; copied nodes keep their results, status says \"copied from run <name>\" and names "
      + "the source's Job. Checked when the run starts: a missing source fails it (RerunSourceNotFound), a run of "
      + "another pipeline, one not finished or never started, or an unknown fromNodes entry fails it "
      + "(RerunSourceInvalid), before any Job is created.")
  private RerunOf rerunOf;

  public PipelineRef getPipelineRef() { return pipelineRef; }
  public void setPipelineRef(PipelineRef pipelineRef) { this.pipelineRef = pipelineRef; }
  public PipelineSpec getPipelineSpec() { return pipelineSpec; }
  public void setPipelineSpec(PipelineSpec pipelineSpec) { this.pipelineSpec = pipelineSpec; }
  public List<ParamValue> getParams() { return params; }
  public void setParams(List<ParamValue> params) { this.params = params == null ? new ArrayList<>() : params; }
  public List<NodeParams> getNodeParams() { return nodeParams; }
  public void setNodeParams(List<NodeParams> nodeParams) { this.nodeParams = nodeParams == null ? new ArrayList<>() : nodeParams; }
  public String getCorrelationId() { return correlationId; }
  public void setCorrelationId(String correlationId) { this.correlationId = correlationId; }
  public Integer getPriority() { return priority; }
  public void setPriority(Integer priority) { this.priority = priority; }
  public String getServiceAccountName() { return serviceAccountName; }
  public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
  public DesiredRunState getState() { return state; }
  public void setState(DesiredRunState state) { this.state = state; }
  public Integer getRetry() { return retry; }
  public void setRetry(Integer retry) { this.retry = retry; }
  public List<String> getSkipNodes() { return skipNodes; }
  public void setSkipNodes(List<String> skipNodes) { this.skipNodes = skipNodes == null ? new ArrayList<>() : skipNodes; }
  public RerunOf getRerunOf() { return rerunOf; }
  public void setRerunOf(RerunOf rerunOf) { this.rerunOf = rerunOf; }
}
