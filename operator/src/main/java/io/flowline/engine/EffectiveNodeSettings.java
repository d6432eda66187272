package io.flowline.engine;

import io.flowline.api.NodeDefaults;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import java.time.Duration;

/** A node's own setting, else the pipeline default: a node field replaces the default field as a whole. */
public final class EffectiveNodeSettings {
  private EffectiveNodeSettings() {
  }

  public static RetrySpec retry(PipelineSpec spec, NodeSpec node) {
    if (node.getRetry() != null) {
      return node.getRetry();
    }
    NodeDefaults defaults = spec.getDefaults();
    return defaults == null ? null : defaults.getRetry();
  }

  /** The per-attempt timeout; ZERO means none. */
  public static Duration timeout(PipelineSpec spec, NodeSpec node) {
    if (node.getTimeout() != null && !node.getTimeout().isBlank()) {
      return GoDuration.parse(node.getTimeout());
    }
    NodeDefaults defaults = spec.getDefaults();
    return defaults == null ? Duration.ZERO : GoDuration.parse(defaults.getTimeout());
  }

  public static String serviceAccountName(PipelineSpec spec, NodeSpec node) {
    if (node.getServiceAccountName() != null && !node.getServiceAccountName().isBlank()) {
      return node.getServiceAccountName();
    }
    NodeDefaults defaults = spec.getDefaults();
    return defaults == null ? null : defaults.getServiceAccountName();
  }
}
