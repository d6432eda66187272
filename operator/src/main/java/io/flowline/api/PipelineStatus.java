package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PipelineStatus {
  @JsonPropertyDescription("Invalid (spec rejected, see the Ready condition), Idle (valid, nothing active), Starting "
      + "(a run exists that has not started a node yet), Running (a run is executing nodes), Stopping (a run is "
      + "being cancelled or stopped) or Sleeping (Auto activation waiting for sleepTimeout). When several apply the "
      + "first of Invalid > Stopping > Running > Starting > Sleeping > Idle wins.")
  private PipelineState state;

  @JsonPropertyDescription("Numeric form of state: Invalid -1, Idle 0, Starting 1, Running 2, Stopping 3, Sleeping 4.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private Integer stateCode;

  @JsonPropertyDescription("Ready: True with reason Valid, or False with reason Invalid and a message listing every "
      + "problem as field.path: problem, joined with \"; \".")
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("Runs of this pipeline in Running or Paused.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private Integer activeRuns;

  @JsonPropertyDescription("Runs of this pipeline waiting in Queued.")
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private Integer queuedRuns;

  @JsonPropertyDescription("The newest run of this pipeline by creationTimestamp.")
  private RunSummary lastRun;

  @JsonPropertyDescription("When the schedule last started a run. Not yet implemented.")
  private String lastScheduleTime;

  @JsonPropertyDescription("When the schedule fires next; also the wake-up time while Sleeping. Not yet implemented.")
  private String nextScheduleTime;

  public PipelineState getState() { return state; }
  public void setState(PipelineState state) { this.state = state; }
  public Integer getStateCode() { return stateCode; }
  public void setStateCode(Integer stateCode) { this.stateCode = stateCode; }
  public List<Condition> getConditions() { return conditions; }
  public void setConditions(List<Condition> conditions) { this.conditions = conditions == null ? new ArrayList<>() : conditions; }
  public Long getObservedGeneration() { return observedGeneration; }
  public void setObservedGeneration(Long observedGeneration) { this.observedGeneration = observedGeneration; }
  public Integer getActiveRuns() { return activeRuns; }
  public void setActiveRuns(Integer activeRuns) { this.activeRuns = activeRuns; }
  public Integer getQueuedRuns() { return queuedRuns; }
  public void setQueuedRuns(Integer queuedRuns) { this.queuedRuns = queuedRuns; }
  public RunSummary getLastRun() { return lastRun; }
  public void setLastRun(RunSummary lastRun) { this.lastRun = lastRun; }
  public String getLastScheduleTime() { return lastScheduleTime; }
  public void setLastScheduleTime(String lastScheduleTime) { this.lastScheduleTime = lastScheduleTime; }
  public String getNextScheduleTime() { return nextScheduleTime; }
  public void setNextScheduleTime(String nextScheduleTime) { this.nextScheduleTime = nextScheduleTime; }
}
