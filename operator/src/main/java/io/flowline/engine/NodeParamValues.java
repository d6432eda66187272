package io.flowline.engine;

import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The params one node sees: the run's pipeline params, then its own (their defaults carry the run's nodeParams). */
public final class NodeParamValues {
  private NodeParamValues() {
  }

  public static Map<String, String> of(List<ParamValue> runParams, NodeSpec node) {
    Map<String, String> values = new LinkedHashMap<>();
    for (ParamValue param : runParams) {
      values.put(param.getName(), param.getValue());
    }
    for (ParamSpec param : node.getParams()) {
      values.put(param.getName(), param.getDefaultValue() == null ? "" : param.getDefaultValue());
    }
    return values;
  }
}
