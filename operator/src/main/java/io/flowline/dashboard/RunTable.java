package io.flowline.dashboard;

import io.flowline.api.PipelineRun;
import java.time.Instant;

/** A page of runs as a table, with links to the previous and next page. */
final class RunTable {
  private RunTable() {
  }

  /** @param pageHrefPrefix the page's own link up to the page number's place, ending in "?" or "&amp;" */
  static String render(String namespace, Paging<PipelineRun> runs, Instant now, String pageHrefPrefix) {
    if (runs.total() == 0) {
      return "<p class=\"muted\">No run.</p><table id=\"runs\"></table>";
    }
    StringBuilder html = new StringBuilder("<table id=\"runs\"><tr><th>Run</th><th>Pipeline</th><th>Phase</th>"
        + "<th>Progress</th><th>Started</th><th>Duration</th><th>Correlation</th><th>Message</th></tr>");
    for (PipelineRun run : runs.items()) {
      String pipeline = RunViews.pipelineOf(run);
      html.append("<tr data-run=\"").append(Html.escape(run.getMetadata().getName())).append("\"><td>")
          .append(Layout.link(Layout.runHref(namespace, run.getMetadata().getName()), "run-link",
              run.getMetadata().getName()))
          .append("</td><td>")
          .append(pipeline.isEmpty() ? "<span class=\"muted\">inline</span>"
              : Layout.link(Layout.pipelineHref(namespace, pipeline), "pipeline-link", pipeline))
          .append("</td><td>").append(Layout.badge(RunViews.phaseOf(run))).append("</td><td>")
          .append(Html.escape(RunViews.progressOf(run))).append("</td><td>")
          .append(Html.escape(Format.time(RunViews.startOf(run)))).append("</td><td>")
          .append(Html.escape(Format.duration(RunViews.startOf(run), RunViews.endOf(run), now))).append("</td><td>")
          .append(Html.escape(run.getSpec() == null ? "" : run.getSpec().getCorrelationId()))
          .append("</td><td class=\"wrap\">")
          .append(Html.escape(run.getStatus() == null ? "" : run.getStatus().getMessage())).append("</td></tr>");
    }
    html.append("</table><p class=\"pager\">");
    if (runs.hasPrevious()) {
      html.append("<a class=\"page-prev\" href=\"").append(Html.escape(pageHrefPrefix + "page=" + (runs.page() - 1)))
          .append("\">newer</a>");
    }
    html.append("page ").append(runs.page()).append(" of ").append(runs.pages()).append(" (").append(runs.total())
        .append(" runs) ");
    if (runs.hasNext()) {
      html.append("<a class=\"page-next\" href=\"").append(Html.escape(pageHrefPrefix + "page=" + (runs.page() + 1)))
          .append("\">older</a>");
    }
    return html.append("</p>").toString();
  }
}
