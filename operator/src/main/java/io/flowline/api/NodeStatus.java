package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.LinkedHashMap;
import java.util.Map;

/** One compact entry per node that has left Pending; empty and zero fields are omitted to keep status small. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeStatus {
  @JsonPropertyDescription("Node name.")
  private String name;
  @JsonPropertyDescription("Pending (reset by spec.retry), Waiting (retry delay), Running, Succeeded, Failed, "
      + "Skipped or Cancelled.")
  private NodePhase phase;
  @JsonPropertyDescription("The current or last attempt, from 1; 0 for a node skipped before it started.")
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  private int attempt;
  @JsonPropertyDescription("The Job of the current or last attempt; for a node copied by spec.rerunOf, the source "
      + "run's Job.")
  private String job;
  @JsonPropertyDescription("When the node's first attempt started.")
  private String startTime;
  @JsonPropertyDescription("When the last attempt finished; while Waiting, the failed attempt the retry delay counts from.")
  private String completionTime;
  @JsonPropertyDescription("Exit code of the last attempt's container.")
  private Integer exitCode;
  @JsonPropertyDescription("Machine-readable reason of the last failure, e.g. Error, DeadlineExceeded, OutputsMissing.")
  private String reason;
  @JsonPropertyDescription("Human-readable detail: exit code and termination message (or log tail) of a failed "
      + "attempt, why a pod cannot start, or \"copied from run <name>\" (spec.rerunOf).")
  private String message;
  @JsonPropertyDescription("Attempts the platform ended and the operator retried without counting them against the "
      + "node's retry limit: the container never started (StartError, runtime exit 128), the pod was evicted, "
      + "preempted or lost with its node. At most the operator's FLOWLINE_PLATFORM_RETRIES (default 3).")
  @JsonInclude(JsonInclude.Include.NON_DEFAULT)
  private int platformRetries;
  @JsonPropertyDescription("Reason of the last attempt the platform ended, e.g. StartError, Evicted.")
  private String platformReason;
  @JsonPropertyDescription("For a child of a forEach node: that node's name (the child is <parent>-<index>).")
  private String parent;
  @JsonPropertyDescription("For a forEach node: how many items (children) it has; the node itself runs no Job.")
  private Integer items;
  @JsonPropertyDescription("Outputs read from the successful attempt's termination message; for a forEach node, "
      + "each a JSON array of its children's values in item order.")
  private Map<String, String> outputs = new LinkedHashMap<>();

  public NodeStatus() {
  }

  public NodeStatus(String name) {
    this.name = name;
  }

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public NodePhase getPhase() { return phase; }
  public void setPhase(NodePhase phase) { this.phase = phase; }
  public int getAttempt() { return attempt; }
  public void setAttempt(int attempt) { this.attempt = attempt; }
  public String getJob() { return job; }
  public void setJob(String job) { this.job = job; }
  public String getStartTime() { return startTime; }
  public void setStartTime(String startTime) { this.startTime = startTime; }
  public String getCompletionTime() { return completionTime; }
  public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
  public Integer getExitCode() { return exitCode; }
  public void setExitCode(Integer exitCode) { this.exitCode = exitCode; }
  public String getReason() { return reason; }
  public void setReason(String reason) { this.reason = reason; }
  public String getMessage() { return message; }
  public void setMessage(String message) { this.message = message; }
  public int getPlatformRetries() { return platformRetries; }
  public void setPlatformRetries(int platformRetries) { this.platformRetries = platformRetries; }
  public String getPlatformReason() { return platformReason; }
  public void setPlatformReason(String platformReason) { this.platformReason = platformReason; }
  public String getParent() { return parent; }
  public void setParent(String parent) { this.parent = parent; }
  public Integer getItems() { return items; }
  public void setItems(Integer items) { this.items = items; }

  /** A forEach node that has its items: its children run, it has no Job of its own. */
  @JsonIgnore
  public boolean isFanOut() {
    return items != null;
  }

  public Map<String, String> getOutputs() { return outputs; }
  public void setOutputs(Map<String, String> outputs) { this.outputs = outputs == null ? new LinkedHashMap<>() : outputs; }
}
