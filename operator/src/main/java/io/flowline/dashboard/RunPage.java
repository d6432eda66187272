package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.Dag;
import io.flowline.engine.DagLayout;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /ns/{namespace}/runs/{name}}: phase, progress, message and params; the DAG coloured by node phase, forEach
 * children folded into their node; a timeline of the node attempts; the node table, page by page; the Events.
 */
final class RunPage {
  static final int NODES_PER_PAGE = 200;

  private RunPage() {
  }

  /**
   * @param events the run's Events, or an explanation why there are none to show
   * @param actions the action buttons' HTML, or "" without actions
   */
  static String render(PipelineRun run, Optional<PipelineSpec> spec, List<NodeStatus> table, EventsOrProblem events,
      int nodePage, String actions, Instant now) {
    String namespace = run.getMetadata().getNamespace();
    String name = run.getMetadata().getName();
    String phase = RunViews.phaseOf(run);
    String pipeline = RunViews.pipelineOf(run);
    StringBuilder html = new StringBuilder();
    html.append("<div id=\"run\" data-run-api=\"").append(Html.escape(JsonApi.runHref(namespace, name)))
        .append("\" data-finished=\"").append(RunViews.finished(run)).append("\">");
    html.append("<h1>Run ").append(Html.escape(name)).append(" <span id=\"run-phase\" class=\"badge phase-")
        .append(Html.escape(phase)).append("\">").append(Html.escape(phase)).append("</span> <span id=\"run-progress\">")
        .append(Html.escape(RunViews.progressOf(run))).append("</span></h1>");
    html.append("<p>").append(pipeline.isEmpty() ? "inline pipeline"
        : "Pipeline " + Layout.link(Layout.pipelineHref(namespace, pipeline), "pipeline-link", pipeline))
        .append(" · in ").append(Layout.link(Layout.runsHref(namespace), "runs-link", namespace))
        .append(" · started ").append(Html.escape(Format.time(RunViews.startOf(run))))
        .append(RunViews.endOf(run) == null ? "" : " · ended " + Html.escape(Format.time(RunViews.endOf(run))))
        .append(" · ").append(Html.escape(Format.duration(RunViews.startOf(run), RunViews.endOf(run), now)));
    if (run.getSpec() != null && run.getSpec().getCorrelationId() != null) {
      html.append(" · correlation ").append(Html.escape(run.getSpec().getCorrelationId()));
    }
    html.append("</p>");
    if (run.getStatus() != null && run.getStatus().getMessage() != null && !run.getStatus().getMessage().isEmpty()) {
      html.append("<p id=\"run-message\" class=\"wrap\">").append(Html.escape(run.getStatus().getMessage()))
          .append("</p>");
    }
    html.append(actions);
    params(run, html);
    Map<String, NodeStatus> entries = new HashMap<>();
    Map<String, Map<NodePhase, Integer>> childPhases = new HashMap<>();
    for (NodeStatus entry : table) {
      if (entry.getParent() == null) {
        entries.put(entry.getName(), entry);
      } else if (entry.getPhase() != null) {
        childPhases.computeIfAbsent(entry.getParent(), p -> new HashMap<>()).merge(entry.getPhase(), 1, Integer::sum);
      }
    }
    html.append("<h2>DAG</h2>");
    if (spec.isEmpty()) {
      html.append("<p class=\"muted\">The run's pipeline is not available (not started, or its Pipeline is gone).</p>");
    } else {
      dag(namespace, name, spec.get().getNodes(), entries, childPhases, html);
      if (!spec.get().getFinallyNodes().isEmpty()) {
        html.append("<h2>Finally</h2>");
        dag(namespace, name, spec.get().getFinallyNodes(), entries, childPhases, html);
      }
    }
    html.append("<h2>Timeline</h2>").append(Timeline.render(table, now));
    html.append("<h2>Nodes</h2>");
    NodeTable.render(namespace, name, Paging.of(table, nodePage, NODES_PER_PAGE), now, html);
    html.append("<h2>Events</h2>").append(events.render());
    html.append("</div>");
    return Layout.page(name, html.toString());
  }

  private static void params(PipelineRun run, StringBuilder html) {
    List<ParamValue> params = run.getStatus() != null && !run.getStatus().getParams().isEmpty()
        ? run.getStatus().getParams() : run.getSpec() == null ? List.of() : run.getSpec().getParams();
    if (params.isEmpty()) {
      return;
    }
    html.append("<h2>Params</h2><table id=\"run-params\"><tr><th>Name</th><th>Value</th></tr>");
    for (ParamValue param : params) {
      html.append("<tr><td>").append(Html.escape(param.getName())).append("</td><td class=\"wrap\"><code>")
          .append(Html.escape(param.getValue())).append("</code></td></tr>");
    }
    html.append("</table>");
  }

  private static void dag(String namespace, String run, List<NodeSpec> nodes, Map<String, NodeStatus> entries,
      Map<String, Map<NodePhase, Integer>> childPhases, StringBuilder html) {
    html.append("<div class=\"scroll\">").append(DagView.render(DagLayout.of(Dag.of(nodes)), node -> {
      NodeStatus entry = entries.get(node);
      String phase = entry == null || entry.getPhase() == null ? NodePhase.Pending.name() : entry.getPhase().name();
      String label = "";
      Map<NodePhase, Integer> children = childPhases.get(node);
      if (entry != null && entry.getItems() != null) {
        int succeeded = children == null ? 0 : children.getOrDefault(NodePhase.Succeeded, 0);
        label = succeeded + "/" + entry.getItems() + " items";
      } else if (entry != null && entry.getAttempt() > 1) {
        label = "attempt " + entry.getAttempt();
      }
      String href = entry != null && entry.getAttempt() > 0 ? Layout.logHref(namespace, run, node) : null;
      return new NodeView(phase, label, href);
    })).append("</div>");
  }

  /** The Events of a run, or why they could not be read. */
  record EventsOrProblem(List<EventLine> events, String problem) {
    String render() {
      if (problem != null) {
        return "<p class=\"muted\">Events not available: " + Html.escape(problem) + "</p><table id=\"events\"></table>";
      }
      if (events.isEmpty()) {
        return "<p class=\"muted\">No Event (failures and retries raise Events; FLOWLINE_RUN_EVENTS and "
            + "FLOWLINE_NODE_EVENTS add progress).</p><table id=\"events\"></table>";
      }
      StringBuilder html = new StringBuilder("<table id=\"events\"><tr><th>Last seen</th><th>Type</th><th>Reason</th>"
          + "<th>Count</th><th>Message</th></tr>");
      for (EventLine event : events) {
        html.append("<tr><td>").append(Html.escape(Format.time(event.lastTime()))).append("</td><td>")
            .append(Html.escape(event.type())).append("</td><td>").append(Html.escape(event.reason()))
            .append("</td><td>").append(event.count()).append("</td><td class=\"wrap\">")
            .append(Html.escape(event.message())).append("</td></tr>");
      }
      return html.append("</table>").toString();
    }
  }
}
