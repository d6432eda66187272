package io.flowline.dashboard;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineSpec;
import io.flowline.api.PipelineStatus;
import java.util.Comparator;
import java.util.List;

/** {@code /}: every Pipeline of the watched namespaces with its state, schedule, runs and last run. */
final class OverviewPage {
  private static final Comparator<Pipeline> BY_NAMESPACE_AND_NAME = Comparator
      .comparing((Pipeline p) -> p.getMetadata().getNamespace()).thenComparing(p -> p.getMetadata().getName());

  private OverviewPage() {
  }

  static String render(List<Pipeline> pipelines) {
    StringBuilder html = new StringBuilder("<h1>Pipelines</h1>");
    if (pipelines.isEmpty()) {
      return html.append("<p class=\"muted\">No Pipeline in the watched namespaces yet: <code>kubectl apply -f "
          + "examples/etl/pipeline.yaml</code></p>").toString();
    }
    html.append("<table id=\"pipelines\"><tr><th>Namespace</th><th>Pipeline</th><th>State</th><th>Activation</th>"
        + "<th>Schedule</th><th>Next</th><th>Active</th><th>Queued</th><th>Last run</th><th>Runs</th></tr>");
    for (Pipeline pipeline : pipelines.stream().sorted(BY_NAMESPACE_AND_NAME).toList()) {
      String namespace = pipeline.getMetadata().getNamespace();
      String name = pipeline.getMetadata().getName();
      PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
      PipelineStatus status = pipeline.getStatus() == null ? new PipelineStatus() : pipeline.getStatus();
      html.append("<tr data-pipeline=\"").append(Html.escape(namespace + "/" + name)).append("\"><td>")
          .append(Html.escape(namespace)).append("</td><td>")
          .append(Layout.link(Layout.pipelineHref(namespace, name), "pipeline-link", name)).append("</td><td>")
          .append(status.getState() == null ? "" : Layout.badge(status.getState().name())).append("</td><td>")
          .append(Html.escape(spec.getActivation() == null ? "Manual" : spec.getActivation().name()))
          .append(Boolean.TRUE.equals(spec.getSuspend()) ? " <span class=\"muted\">(suspended)</span>" : "")
          .append("</td><td><code>")
          .append(Html.escape(spec.getSchedule() == null ? "" : spec.getSchedule().getCron())).append("</code></td><td>")
          .append(Html.escape(Format.time(status.getNextScheduleTime()))).append("</td><td>")
          .append(status.getActiveRuns() == null ? 0 : status.getActiveRuns()).append("</td><td>")
          .append(status.getQueuedRuns() == null ? 0 : status.getQueuedRuns()).append("</td><td>");
      if (status.getLastRun() != null && status.getLastRun().getName() != null) {
        html.append(Layout.link(Layout.runHref(namespace, status.getLastRun().getName()), "run-link",
            status.getLastRun().getName()));
        if (status.getLastRun().getPhase() != null) {
          html.append(' ').append(Layout.badge(status.getLastRun().getPhase().name()));
        }
      }
      html.append("</td><td>").append(Layout.link(Layout.runsHref(namespace) + "?pipeline=" + Layout.encode(name),
          "runs-link", "all runs")).append("</td></tr>");
    }
    return html.append("</table>").toString();
  }
}
