package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class ConcurrencySpec {
  @JsonPropertyDescription("Maximum runs of this pipeline in Running or Paused at once (a Stopping run holds its "
      + "slot until its Jobs are gone); 0 (default) = unlimited. Runs with an inline pipelineSpec are not limited.")
  @Min(0)
  @Max(Integer.MAX_VALUE)
  private Integer limit;

  @JsonPropertyDescription("What a new run does at the limit: Queue (default: phase Queued with "
      + "status.queuePosition; runs start highest spec.priority first, then oldest, when a slot frees), Forbid (the "
      + "new run ends Cancelled, reason ConcurrencyLimit, without starting) or Replace (the new run starts and the "
      + "oldest active run is cancelled, reason ConcurrencyLimit; priority does not apply). Age is the "
      + "creationTimestamp, to the second; runs created within the same second are ordered by name. The policy in "
      + "force applies to runs still waiting.")
  private ConcurrencyPolicy policy;

  public Integer getLimit() { return limit; }
  public void setLimit(Integer limit) { this.limit = limit; }
  public ConcurrencyPolicy getPolicy() { return policy; }
  public void setPolicy(ConcurrencyPolicy policy) { this.policy = policy; }
}
