package io.flowline.dashboard;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.DesiredRunState;
import io.flowline.api.ParamValue;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start, pause, resume, stop, cancel and retry from the dashboard, when FLOWLINE_DASHBOARD_ACTIONS=true. The
 * operator's own rights would let anyone who reaches the port do anything, so each action is done only for the user
 * a trusted auth proxy names in X-Forwarded-User (and X-Forwarded-Groups), only with a CSRF token bound to that
 * user, and only when a SubjectAccessReview says that user may do it.
 */
public final class DashboardActions {
  private static final Logger LOG = LoggerFactory.getLogger(DashboardActions.class);
  static final List<String> RUN_ACTIONS = List.of("pause", "resume", "stop", "cancel", "retry");

  private final boolean enabled;
  private final CsrfTokens csrf;
  private final AccessReviewer reviewer;
  private final RunControl control;

  private DashboardActions(boolean enabled, CsrfTokens csrf, AccessReviewer reviewer, RunControl control) {
    this.enabled = enabled;
    this.csrf = csrf;
    this.reviewer = reviewer;
    this.control = control;
  }

  public static DashboardActions off() {
    return new DashboardActions(false, null, null, null);
  }

  public static DashboardActions on(CsrfTokens csrf, AccessReviewer reviewer, RunControl control) {
    return new DashboardActions(true, csrf, reviewer, control);
  }

  /** The start form for the pipeline page, or "" with actions off. */
  String startForm(DashboardRequest request, Pipeline pipeline, Map<String, String> form,
      Map<String, List<String>> problems) {
    if (!enabled) {
      return "";
    }
    PipelineSpec spec = pipeline.getSpec() == null ? new PipelineSpec() : pipeline.getSpec();
    return StartForm.render(pipeline.getMetadata().getNamespace(), pipeline.getMetadata().getName(), spec.getParams(),
        form, problems, request.user().map(csrf::tokenFor).orElse(null));
  }

  /** The run page's action buttons, or "" with actions off. */
  String runButtons(DashboardRequest request, PipelineRun run) {
    if (!enabled) {
      return "";
    }
    if (request.user().isEmpty()) {
      return "<p class=\"muted\">Actions need the auth proxy in front of the dashboard (it names the user in "
          + "X-Forwarded-User).</p>";
    }
    String token = Html.escape(csrf.tokenFor(request.user().get()));
    StringBuilder html = new StringBuilder("<p id=\"actions\">");
    for (String action : RUN_ACTIONS) {
      html.append("<form class=\"action inline\" method=\"post\" data-action=\"").append(action).append("\" action=\"")
          .append(Html.escape(Layout.runHref(run.getMetadata().getNamespace(), run.getMetadata().getName())
              + "/actions/" + action)).append("\"><input type=\"hidden\" name=\"csrf\" value=\"").append(token)
          .append("\"><button>").append(action).append("</button></form> ");
    }
    return html.append("</p>").toString();
  }

  DashboardResponse handle(DashboardRequest request, List<String> path, Dashboard dashboard) {
    boolean start = path.size() == 5 && "ns".equals(path.get(0)) && "pipelines".equals(path.get(2))
        && "start".equals(path.get(4));
    boolean runAction = path.size() == 6 && "ns".equals(path.get(0)) && "runs".equals(path.get(2))
        && "actions".equals(path.get(4)) && RUN_ACTIONS.contains(path.get(5));
    if (!start && !runAction) {
      return refusal(404, "No action at " + request.path());
    }
    if (!enabled) {
      return refusal(403, "Actions are off: the operator runs without FLOWLINE_DASHBOARD_ACTIONS=true.");
    }
    Optional<String> user = request.user();
    if (user.isEmpty()) {
      return refusal(401, "Actions need a user named by the auth proxy in X-Forwarded-User; this request has none.");
    }
    if (!csrf.valid(user.get(), request.form().get("csrf"))) {
      return refusal(403, "The form's CSRF token is missing or stale (the operator restarted?): reload the page and "
          + "try again.");
    }
    String namespace = path.get(1);
    String name = path.get(3);
    try {
      return start ? start(request, dashboard, namespace, name, user.get())
          : runAction(request, dashboard, namespace, name, path.get(5), user.get());
    } catch (KubernetesClientException e) {
      return refusal(ApiAnswer.statusFor(e), ApiAnswer.describe(e));
    }
  }

  private DashboardResponse start(DashboardRequest request, Dashboard dashboard, String namespace, String pipelineName,
      String user) {
    Optional<Pipeline> pipeline = dashboard.data().pipeline(namespace, pipelineName);
    if (pipeline.isEmpty()) {
      return refusal(404, "No Pipeline " + pipelineName + " in namespace " + namespace);
    }
    PipelineSpec spec = pipeline.get().getSpec() == null ? new PipelineSpec() : pipeline.get().getSpec();
    List<ParamValue> values = StartForm.values(spec.getParams(), request.form());
    Map<String, List<String>> problems = StartForm.problems(spec, values);
    if (!problems.isEmpty()) {
      return dashboard.pipelinePage(request, namespace, pipelineName, request.form(), problems, 422);
    }
    Optional<DashboardResponse> refused = authorize(request, user, "create", namespace, null);
    if (refused.isPresent()) {
      return refused.get();
    }
    String run = control.start(namespace, pipelineName, values, request.form().get(StartForm.CORRELATION_FIELD));
    LOG.info("Dashboard: {} started run {}/{} of Pipeline {}", user, namespace, run, pipelineName);
    return DashboardResponse.seeOther(Layout.runHref(namespace, run));
  }

  private DashboardResponse runAction(DashboardRequest request, Dashboard dashboard, String namespace, String run,
      String action, String user) {
    if (dashboard.data().run(namespace, run).isEmpty()) {
      return refusal(404, "No run " + run + " in namespace " + namespace);
    }
    Optional<DashboardResponse> refused = authorize(request, user, "patch", namespace, run);
    if (refused.isPresent()) {
      return refused.get();
    }
    switch (action) {
      case "pause" -> control.setState(namespace, run, DesiredRunState.Paused);
      case "resume" -> control.setState(namespace, run, DesiredRunState.Running);
      case "stop" -> control.setState(namespace, run, DesiredRunState.Stopped);
      case "cancel" -> control.setState(namespace, run, DesiredRunState.Cancelled);
      case "retry" -> control.retry(namespace, run);
      default -> throw new IllegalArgumentException("unknown action " + action);
    }
    LOG.info("Dashboard: {} asked run {}/{} to {}", user, namespace, run, action);
    return DashboardResponse.seeOther(Layout.runHref(namespace, run));
  }

  /** Empty when the user may; otherwise the page that says who may not do what, and why. */
  private Optional<DashboardResponse> authorize(DashboardRequest request, String user, String verb, String namespace,
      String name) {
    AccessReviewer.Request asked = new AccessReviewer.Request(user, request.groups(), verb, namespace, name);
    AccessReviewer.Decision decision = reviewer.review(asked);
    if (decision.allowed()) {
      return Optional.empty();
    }
    return Optional.of(refusal(403, "Refused: " + asked.describe()
        + (decision.reason().isEmpty() ? "" : " (" + decision.reason() + ")") + "."));
  }

  private static DashboardResponse refusal(int status, String message) {
    return DashboardResponse.html(status, Layout.page("Refused", "<h1>Not done</h1><p class=\"form-error\" "
        + "id=\"action-error\">" + Html.escape(message) + "</p><p class=\"muted\">Go back with the browser, or to "
        + "<a href=\"/\">the pipelines</a>.</p>"));
  }
}
