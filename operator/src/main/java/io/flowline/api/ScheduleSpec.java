package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ScheduleSpec {
  @JsonPropertyDescription("Standard 5-field cron expression (minute hour day-of-month month day-of-week), for "
      + "example \"0 2 * * *\"; @hourly, @daily, @weekly, @monthly and @yearly too. Read in timeZone as Kubernetes "
      + "CronJob reads it: a time skipped when clocks go forward does not fire that day, and a time in the hour "
      + "repeated when they go back fires twice.")
  private String cron;

  @JsonPropertyDescription("IANA time zone the cron expression is read in, for example Europe/Moscow. Default UTC; "
      + "an unknown name makes the Pipeline Invalid.")
  private String timeZone;

  @JsonPropertyDescription("A missed fire older than this many seconds is skipped (no run). Unset: a missed fire "
      + "is never too late.")
  @Min(0)
  private Long startingDeadlineSeconds;

  public String getCron() { return cron; }
  public void setCron(String cron) { this.cron = cron; }
  public String getTimeZone() { return timeZone; }
  public void setTimeZone(String timeZone) { this.timeZone = timeZone; }
  public Long getStartingDeadlineSeconds() { return startingDeadlineSeconds; }
  public void setStartingDeadlineSeconds(Long startingDeadlineSeconds) { this.startingDeadlineSeconds = startingDeadlineSeconds; }
}
