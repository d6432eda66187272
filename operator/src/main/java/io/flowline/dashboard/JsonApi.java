package io.flowline.dashboard;


import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.api.PipelineStatus;
import io.flowline.engine.PipelineNodes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The dashboard's data as JSON under /api/v1, for scripts: the same figures the pages show. */
final class JsonApi {
  static final String PREFIX = "/api/v1";

  private JsonApi() {
  }

  static String runHref(String namespace, String name) {
    return PREFIX + "/namespaces/" + Layout.encode(namespace) + "/runs/" + Layout.encode(name);
  }

  static String pipelines(List<Pipeline> pipelines) {
    return JsonText.of(Map.of("items", pipelines.stream().map(JsonApi::pipelineSummary).toList()));
  }

  static String pipeline(Pipeline pipeline) {
    Map<String, Object> json = pipelineSummary(pipeline);
    PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
    json.put("params", spec.getParams().stream().map(param -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("name", param.getName());
      p.put("type", param.effectiveType().name().toLowerCase(java.util.Locale.ROOT));
      p.put("required", param.isRequired());
      p.put("default", param.getDefaultValue());
      p.put("allowedValues", param.getAllowedValues());
      return p;
    }).toList());
    json.put("nodes", PipelineNodes.all(spec).stream().map(node -> object("name", node.getName(),
        "dependsOn", node.getDependsOn())).toList());
    return JsonText.of(json);
  }

  private static Map<String, Object> pipelineSummary(Pipeline pipeline) {
    PipelineStatus status = pipeline.getStatus() == null ? new PipelineStatus() : pipeline.getStatus();
    PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("namespace", pipeline.getMetadata().getNamespace());
    json.put("name", pipeline.getMetadata().getName());
    json.put("state", status.getState());
    json.put("activation", spec.getActivation());
    json.put("schedule", spec.getSchedule() == null ? null : spec.getSchedule().getCron());
    json.put("nextScheduleTime", status.getNextScheduleTime());
    json.put("activeRuns", status.getActiveRuns() == null ? 0 : status.getActiveRuns());
    json.put("queuedRuns", status.getQueuedRuns() == null ? 0 : status.getQueuedRuns());
    json.put("lastRun", status.getLastRun() == null ? null : object("name", status.getLastRun().getName(),
        "phase", status.getLastRun().getPhase()));
    return json;
  }

  static String runs(Paging<PipelineRun> runs) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("items", runs.items().stream().map(JsonApi::runSummary).toList());
    json.put("page", runs.page());
    json.put("pages", runs.pages());
    json.put("total", runs.total());
    return JsonText.of(json);
  }

  private static Map<String, Object> runSummary(PipelineRun run) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("namespace", run.getMetadata().getNamespace());
    json.put("name", run.getMetadata().getName());
    json.put("pipeline", RunViews.pipelineOf(run));
    json.put("phase", RunViews.phaseOf(run));
    json.put("finished", RunViews.finished(run));
    json.put("progress", RunViews.progressOf(run));
    json.put("startTime", RunViews.startOf(run));
    json.put("completionTime", RunViews.endOf(run));
    json.put("correlationId", run.getSpec() == null ? null : run.getSpec().getCorrelationId());
    json.put("message", run.getStatus() == null ? null : run.getStatus().getMessage());
    return json;
  }

  static String run(PipelineRun run, List<NodeStatus> table) {
    Map<String, Object> json = runSummary(run);
    json.put("params", run.getStatus() == null ? List.of() : run.getStatus().getParams().stream()
        .map(p -> object("name", p.getName(), "value", p.getValue())).toList());
    json.put("nodes", table.stream().map(JsonApi::node).toList());
    return JsonText.of(json);
  }

  private static Map<String, Object> node(NodeStatus node) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", node.getName());
    json.put("phase", node.getPhase() == null ? "Pending" : node.getPhase().name());
    if (node.getParent() != null) {
      json.put("parent", node.getParent());
    }
    json.put("attempt", node.getAttempt());
    json.put("startTime", node.getStartTime());
    json.put("completionTime", node.getCompletionTime());
    json.put("exitCode", node.getExitCode());
    json.put("reason", node.getReason());
    json.put("message", node.getMessage());
    json.put("outputs", node.getOutputs());
    return json;
  }

  /** A JSON object of name-value pairs; unlike Map.of it takes the nulls that a malformed object can hold. */
  private static Map<String, Object> object(Object... namesAndValues) {
    Map<String, Object> json = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      json.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return json;
  }
}
