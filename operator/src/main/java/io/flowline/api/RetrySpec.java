package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class RetrySpec {
  @JsonPropertyDescription("How many retries after the first attempt (limit 2 = up to 3 attempts). Default 0.")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  private Integer limit;

  @JsonPropertyDescription("Delay before the first retry, counted from the failed attempt's completionTime. "
      + "Go-style duration (s, m, h). Default 0."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String delay;

  @JsonPropertyDescription("Multiplier of the delay for each further retry: retry n waits "
      + "min(delay * backoffFactor^(n-1), maxDelay). Default 1.")
  @Min(1)
  private Double backoffFactor;

  @JsonPropertyDescription("Upper bound of the delay between retries. Go-style duration; empty = no bound."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String maxDelay;

  public RetrySpec() {
  }

  public RetrySpec(Integer limit, String delay) {
    this.limit = limit;
    this.delay = delay;
  }

  public Integer getLimit() { return limit; }
  public void setLimit(Integer limit) { this.limit = limit; }
  public String getDelay() { return delay; }
  public void setDelay(String delay) { this.delay = delay; }
  public Double getBackoffFactor() { return backoffFactor; }
  public void setBackoffFactor(Double backoffFactor) { this.backoffFactor = backoffFactor; }
  public String getMaxDelay() { return maxDelay; }
  public void setMaxDelay(String maxDelay) { this.maxDelay = maxDelay; }
}
