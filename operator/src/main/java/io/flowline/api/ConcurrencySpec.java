package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ConcurrencySpec {
  @JsonPropertyDescription("Maximum runs of this pipeline in Running or Paused at once; 0 (default) = unlimited. "
      + "Not yet implemented.")
  @Min(0)
  private Integer limit;

  @JsonPropertyDescription("What a new run does at the limit: Queue (wait; highest spec.priority first, then "
      + "oldest), Forbid (the new run ends Cancelled, reason ConcurrencyLimit) or Replace (the oldest active run "
      + "is cancelled). Not yet implemented.")
  private ConcurrencyPolicy policy;

  public Integer getLimit() { return limit; }
  public void setLimit(Integer limit) { this.limit = limit; }
  public ConcurrencyPolicy getPolicy() { return policy; }
  public void setPolicy(ConcurrencyPolicy policy) { this.policy = policy; }
}
