package io.flowline.cli.render;

import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** {@code get RUN}: a few lines about the run, then its DAG as a tree ({@link DagTree}). */
public final class RunDescription {
  private RunDescription() {
  }

  public static String render(PipelineRun run, PipelineSpec dag, List<NodeStatus> nodes, Instant now) {
    var spec = run.getSpec();
    var status = run.getStatus();
    StringBuilder text = new StringBuilder();
    field(text, "Name", run.getMetadata().getName());
    field(text, "Namespace", run.getMetadata().getNamespace());
    field(text, "Pipeline", RunTable.pipelineOf(run));
    String reason = status == null ? null : status.getConditions().stream()
        .filter(c -> "Succeeded".equals(c.getType())).map(c -> c.getReason()).findFirst().orElse(null);
    String phase = RunTable.phaseOf(run);
    field(text, "Phase", phase + (reason != null && !reason.equals(phase) ? " (" + reason + ")" : ""));
    if (status != null) {
      field(text, "Progress", status.getProgress());
      String started = TimeText.age(status.getStartTime(), now);
      field(text, "Started", started.isEmpty() ? null : status.getStartTime() + " (" + started + " ago)");
      field(text, "Duration", TimeText.between(status.getStartTime(), status.getCompletionTime(), now));
      if (status.getQueuePosition() != null) {
        field(text, "Queue", "position " + status.getQueuePosition());
      }
    }
    if (spec != null) {
      field(text, "Correlation", spec.getCorrelationId());
      if (spec.getState() != null) {
        field(text, "State", spec.getState().name());
      }
      if (spec.getRerunOf() != null) {
        field(text, "Rerun of", spec.getRerunOf().getName() + (spec.getRerunOf().getFromNodes().isEmpty() ? ""
            : " from " + String.join(", ", spec.getRerunOf().getFromNodes())));
      }
      if (!spec.getSkipNodes().isEmpty()) {
        field(text, "Skip", String.join(", ", spec.getSkipNodes()));
      }
    }
    var params = status != null && !status.getParams().isEmpty() ? status.getParams()
        : spec == null ? List.<io.flowline.api.ParamValue>of() : spec.getParams();
    field(text, "Params", params.stream().map(p -> p.getName() + "=" + p.getValue())
        .collect(Collectors.joining(" ")));
    if (status != null) {
      field(text, "Message", status.getMessage());
    }
    text.append('\n');
    text.append(DagTree.render(dag, nodes, now));
    return text.toString();
  }

  private static void field(StringBuilder text, String label, String value) {
    if (value != null && !value.isBlank()) {
      text.append(String.format("%-13s%s%n", label + ":", value));
    }
  }
}
