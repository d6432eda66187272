package io.flowline.dashboard;

import io.flowline.api.DesiredRunState;
import io.flowline.api.ParamValue;
import java.util.List;

/** The writes the dashboard's actions make; each throws the API server's refusal as a KubernetesClientException. */
public interface RunControl {
  /** Creates a run of {@code pipeline} and returns its name. */
  String start(String namespace, String pipeline, List<ParamValue> params, String correlationId);

  void setState(String namespace, String run, DesiredRunState state);

  /**
   * spec.retry + 1, and spec.state back to Running if it was Stopped or Cancelled (the operator would ignore the
   * retry otherwise).
   */
  void retry(String namespace, String run);
}
