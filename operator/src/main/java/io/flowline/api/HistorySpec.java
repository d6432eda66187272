package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class HistorySpec {
  @JsonPropertyDescription("Succeeded runs of this pipeline kept; older ones are deleted "
      + "with their Jobs and pods. Unset keeps all, 0 keeps none.")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  private Integer succeeded;

  @JsonPropertyDescription("Failed and Cancelled runs of this pipeline kept (whatever did not "
      + "succeed); older ones are deleted with their Jobs and pods. Unset keeps all, 0 keeps none.")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  private Integer failed;

  public Integer getSucceeded() { return succeeded; }
  public void setSucceeded(Integer succeeded) { this.succeeded = succeeded; }
  public Integer getFailed() { return failed; }
  public void setFailed(Integer failed) { this.failed = failed; }
}
