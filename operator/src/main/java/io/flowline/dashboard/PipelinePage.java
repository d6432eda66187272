package io.flowline.dashboard;

import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.Dag;
import io.flowline.engine.DagLayout;
import io.flowline.engine.PipelineNodes;
import java.time.Instant;
import java.util.List;

/**
 * {@code /ns/{namespace}/pipelines/{name}}: the spec in brief, its DAG, the grid of its last runs × nodes, its runs
 * page by page, and the start form when actions are on.
 */
final class PipelinePage {
  static final int RUNS_PER_PAGE = 50;

  private PipelinePage() {
  }

  /**
   * @param runs the pipeline's runs, newest first
   * @param startForm the start form's HTML, or "" without actions
   */
  static String render(Pipeline pipeline, List<PipelineRun> runs, DashboardData data, int page, String startForm,
      Instant now) {
    String namespace = pipeline.getMetadata().getNamespace();
    String name = pipeline.getMetadata().getName();
    PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
    StringBuilder html = new StringBuilder();
    html.append("<h1>Pipeline ").append(Html.escape(name)).append(" <span class=\"muted\">in ")
        .append(Html.escape(namespace)).append("</span>");
    if (pipeline.getStatus() != null && pipeline.getStatus().getState() != null) {
      html.append(' ').append(Layout.badge(pipeline.getStatus().getState().name()));
    }
    html.append("</h1>");
    if (spec.getDescription() != null) {
      html.append("<p>").append(Html.escape(spec.getDescription())).append("</p>");
    }
    conditions(pipeline, html);
    params(spec.getParams(), html);
    html.append(startForm);
    html.append("<h2>DAG</h2><div class=\"scroll\">")
        .append(DagView.render(DagLayout.of(Dag.of(spec.getNodes())), node -> null)).append("</div>");
    grid(namespace, PipelineNodes.all(spec).stream().map(NodeSpec::getName).toList(), runs, data, html);
    html.append("<h2>Runs</h2>");
    html.append(RunTable.render(namespace, Paging.of(runs, page, RUNS_PER_PAGE), now,
        Layout.pipelineHref(namespace, name) + "?"));
    return Layout.page(name, html.toString());
  }

  private static void conditions(Pipeline pipeline, StringBuilder html) {
    if (pipeline.getStatus() == null) {
      return;
    }
    pipeline.getStatus().getConditions().stream()
        .filter(c -> "False".equals(c.getStatus()) && c.getMessage() != null && !c.getMessage().isEmpty())
        .forEach(c -> html.append("<p class=\"form-error\">").append(Html.escape(c.getType())).append(": ")
            .append(Html.escape(c.getReason())).append(": ").append(Html.escape(c.getMessage())).append("</p>"));
  }

  private static void params(List<ParamSpec> params, StringBuilder html) {
    if (params.isEmpty()) {
      return;
    }
    html.append("<h2>Params</h2><table id=\"params\"><tr><th>Name</th><th>Type</th><th>Required</th><th>Default</th>"
        + "<th>Allowed</th><th>Description</th></tr>");
    for (ParamSpec param : params) {
      html.append("<tr><td>").append(Html.escape(param.getName())).append("</td><td>")
          .append(Html.escape(param.effectiveType().name().toLowerCase(java.util.Locale.ROOT))).append("</td><td>")
          .append(param.isRequired() ? "yes" : "").append("</td><td><code>")
          .append(Html.escape(param.getDefaultValue())).append("</code></td><td>")
          .append(Html.escape(String.join(", ", param.getAllowedValues()))).append("</td><td class=\"wrap\">")
          .append(Html.escape(param.getDescription())).append("</td></tr>");
    }
    html.append("</table>");
  }

  private static void grid(String namespace, List<String> nodes, List<PipelineRun> runs, DashboardData data,
      StringBuilder html) {
    RunGrid grid = RunGrid.of(nodes, runs, data::nodes);
    html.append("<h2>Last ").append(RunGrid.RUNS).append(" runs × nodes</h2>");
    if (grid.rows().isEmpty()) {
      html.append("<p class=\"muted\">No run yet.</p>");
      return;
    }
    html.append("<div class=\"scroll\"><table id=\"grid\"><tr><th>Run</th>");
    for (String node : grid.nodes()) {
      html.append("<th>").append(Html.escape(node)).append("</th>");
    }
    html.append("</tr>");
    for (RunGrid.Row row : grid.rows()) {
      html.append("<tr data-run=\"").append(Html.escape(row.run())).append("\"><td>")
          .append(Layout.link(Layout.runHref(namespace, row.run()), "run-link", row.run())).append(' ')
          .append(Layout.badge(row.phase())).append("</td>");
      for (int column = 0; column < grid.nodes().size(); column++) {
        String phase = row.phaseAt(column);
        String node = grid.nodes().get(column);
        html.append("<td class=\"cell phase-").append(Html.escape(phase)).append("\" data-node=\"")
            .append(Html.escape(node)).append("\" title=\"").append(Html.escape(node + ": " + phase))
            .append("\"></td>");
      }
      html.append("</tr>");
    }
    html.append("</table></div>");
  }
}
