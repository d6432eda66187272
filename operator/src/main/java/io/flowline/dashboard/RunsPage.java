package io.flowline.dashboard;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Instant;
import java.util.List;

/** {@code /ns/{namespace}/runs}: the namespace's runs, filtered by pipeline, phase and correlationId, newest first. */
final class RunsPage {
  static final int RUNS_PER_PAGE = 50;

  private RunsPage() {
  }

  static String render(String namespace, RunQuery query, List<PipelineRun> selected, int page, Instant now) {
    StringBuilder html = new StringBuilder("<h1>Runs <span class=\"muted\">in ").append(Html.escape(namespace))
        .append("</span></h1>");
    html.append("<form id=\"filters\" method=\"get\">Pipeline <input name=\"pipeline\" value=\"")
        .append(Html.escape(query.pipeline())).append("\"> Phase <select name=\"phase\"><option value=\"\">any</option>");
    for (RunPhase phase : RunPhase.values()) {
      html.append("<option").append(phase.name().equals(query.phase()) ? " selected" : "").append('>')
          .append(phase.name()).append("</option>");
    }
    html.append("</select> Correlation id <input name=\"correlationId\" value=\"")
        .append(Html.escape(query.correlationId())).append("\"> <button>Filter</button></form>");
    String prefix = Layout.runsHref(namespace) + "?pipeline=" + Layout.encode(query.pipeline()) + "&phase="
        + Layout.encode(query.phase()) + "&correlationId=" + Layout.encode(query.correlationId()) + "&";
    html.append(RunTable.render(namespace, Paging.of(selected, page, RUNS_PER_PAGE), now, prefix));
    return Layout.page("Runs in " + namespace, html.toString());
  }
}
