package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Where a run with finally nodes stands once its main part has ended. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class FinallyStatus {
  @JsonPropertyDescription("When the main part ended and the finally part began; spec.finallyTimeout counts from "
      + "here.")
  private String startTime;

  @JsonPropertyDescription("The main part's outcome, the value of $(run.status): Succeeded, Failed, Stopped or "
      + "Timeout.")
  private String runStatus;

  @JsonPropertyDescription("The run phase the main part ended with (Succeeded, Failed or Cancelled): the run's "
      + "phase once the finally part is done, except that a failing finally node fails a Succeeded main part.")
  private RunPhase mainPhase;

  @JsonPropertyDescription("The Succeeded condition reason the main part ended with (Succeeded, Failed, Stopped or "
      + "Timeout).")
  private String mainReason;

  @JsonPropertyDescription("The message the main part ended with.")
  private String mainMessage;

  public String getStartTime() { return startTime; }
  public void setStartTime(String startTime) { this.startTime = startTime; }
  public String getRunStatus() { return runStatus; }
  public void setRunStatus(String runStatus) { this.runStatus = runStatus; }
  public RunPhase getMainPhase() { return mainPhase; }
  public void setMainPhase(RunPhase mainPhase) { this.mainPhase = mainPhase; }
  public String getMainReason() { return mainReason; }
  public void setMainReason(String mainReason) { this.mainReason = mainReason; }
  public String getMainMessage() { return mainMessage; }
  public void setMainMessage(String mainMessage) { this.mainMessage = mainMessage; }
}
