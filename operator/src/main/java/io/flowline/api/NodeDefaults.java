package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NodeDefaults {
  @JsonPropertyDescription("Service account of node pods, unless the node or the run sets one. Must be "
      + KubernetesNames.DNS_SUBDOMAIN_RULE + " (checked by the operator).")
  private String serviceAccountName;

  @JsonPropertyDescription("Node selector of node pods (routes work to a worker pool).")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations of node pods.")
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Retry policy of nodes that set none.")
  private RetrySpec retry;

  @JsonPropertyDescription("Timeout of one node attempt (the Job's activeDeadlineSeconds). Go-style duration; "
      + "0 or empty means none."
      + Durations.BOUND)
  @Pattern(Durations.PATTERN)
  private String timeout;

  public String getServiceAccountName() { return serviceAccountName; }
  public void setServiceAccountName(String serviceAccountName) { this.serviceAccountName = serviceAccountName; }
  public Map<String, String> getNodeSelector() { return nodeSelector; }
  public void setNodeSelector(Map<String, String> nodeSelector) { this.nodeSelector = nodeSelector; }
  public List<Toleration> getTolerations() { return tolerations; }
  public void setTolerations(List<Toleration> tolerations) { this.tolerations = tolerations; }
  public RetrySpec getRetry() { return retry; }
  public void setRetry(RetrySpec retry) { this.retry = retry; }
  public String getTimeout() { return timeout; }
  public void setTimeout(String timeout) { this.timeout = timeout; }
}
