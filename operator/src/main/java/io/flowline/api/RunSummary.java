package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RunSummary {
  @JsonPropertyDescription("Name of the PipelineRun.")
  private String name;
  @JsonPropertyDescription("Its status.phase.")
  private RunPhase phase;
  @JsonPropertyDescription("Its status.startTime.")
  private String startTime;
  @JsonPropertyDescription("Its status.completionTime.")
  private String completionTime;

  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public RunPhase getPhase() { return phase; }
  public void setPhase(RunPhase phase) { this.phase = phase; }
  public String getStartTime() { return startTime; }
  public void setStartTime(String startTime) { this.startTime = startTime; }
  public String getCompletionTime() { return completionTime; }
  public void setCompletionTime(String completionTime) { this.completionTime = completionTime; }
}
