package io.flowline.dashboard;

import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.ParamValue;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.ParamResolver;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The form that starts a run, generated from the Pipeline's params: an input per param with its type, a dropdown
 * for enums and booleans, required ones marked. What is posted is judged by the operator's own param code before
 * anything is created, so the form refuses exactly what the run would fail with.
 */
final class StartForm {
  static final String FIELD_PREFIX = "param.";
  static final String CORRELATION_FIELD = "correlationId";
  /** Problems that concern no single param. */
  static final String GENERAL = "";

  private StartForm() {
  }

  /** The posted values that are not empty: an empty field means "the default", as an absent param does. */
  static List<ParamValue> values(List<ParamSpec> params, Map<String, String> form) {
    List<ParamValue> values = new ArrayList<>();
    for (ParamSpec param : params) {
      String value = form.get(FIELD_PREFIX + param.getName());
      if (value != null && !value.isEmpty()) {
        values.add(new ParamValue(param.getName(), value));
      }
    }
    return values;
  }

  /** Problems by param name ({@link #GENERAL} for the rest), from the engine's resolver; empty when the run may start. */
  static Map<String, List<String>> problems(PipelineSpec spec, List<ParamValue> values) {
    Map<String, List<String>> byParam = new LinkedHashMap<>();
    for (String problem : new ParamResolver().resolve(spec, values, List.of()).problems()) {
      String param = GENERAL;
      for (ParamSpec declared : spec.getParams()) {
        if (problem.startsWith("spec.params." + declared.getName() + ":")) {
          param = declared.getName();
        }
      }
      byParam.computeIfAbsent(param, p -> new ArrayList<>()).add(problem);
    }
    return byParam;
  }

  /**
   * @param form what was posted, to show it again with the problems; empty for a fresh form
   * @param csrf the user's token, or null when no auth proxy named a user (the form is then not offered)
   */
  static String render(String namespace, String pipeline, List<ParamSpec> params, Map<String, String> form,
      Map<String, List<String>> problems, String csrf) {
    StringBuilder html = new StringBuilder("<h2>Start a run</h2>");
    if (csrf == null) {
      return html.append("<p class=\"muted\">Starting runs needs the auth proxy in front of the dashboard (it names "
          + "the user in X-Forwarded-User).</p>").toString();
    }
    html.append("<form id=\"start\" method=\"post\" action=\"")
        .append(Html.escape(Layout.pipelineHref(namespace, pipeline) + "/start")).append("\">")
        .append("<input type=\"hidden\" name=\"csrf\" value=\"").append(Html.escape(csrf)).append("\">");
    for (String problem : problems.getOrDefault(GENERAL, List.of())) {
      html.append("<p class=\"form-error\">").append(Html.escape(problem)).append("</p>");
    }
    html.append("<table>");
    for (ParamSpec param : params) {
      String field = FIELD_PREFIX + param.getName();
      String value = form.containsKey(field) ? form.get(field) : "";
      html.append("<tr><td><label for=\"").append(Html.escape(field)).append("\">").append(Html.escape(param.getName()))
          .append(param.isRequired() ? " <b title=\"required\">*</b>" : "").append("</label></td><td>");
      input(param, field, value, html);
      html.append(" <span class=\"muted\">").append(param.effectiveType().name().toLowerCase(Locale.ROOT))
          .append(param.getDefaultValue() == null ? "" : ", default " + Html.escape(param.getDefaultValue()))
          .append("</span>");
      for (String problem : problems.getOrDefault(param.getName(), List.of())) {
        html.append("<div class=\"form-error\" data-param=\"").append(Html.escape(param.getName())).append("\">")
            .append(Html.escape(problem)).append("</div>");
      }
      html.append("</td></tr>");
    }
    html.append("<tr><td><label for=\"correlationId\">correlation id</label></td><td><input id=\"correlationId\" "
        + "name=\"correlationId\" value=\"").append(Html.escape(form.getOrDefault(CORRELATION_FIELD, "")))
        .append("\"></td></tr></table><button id=\"start-submit\">Start run</button></form>");
    return html.toString();
  }

  private static void input(ParamSpec param, String field, String value, StringBuilder html) {
    List<String> choices = !param.getAllowedValues().isEmpty() ? param.getAllowedValues()
        : param.effectiveType() == ParamType.BOOLEAN ? List.of("true", "false") : List.of();
    String id = " id=\"" + Html.escape(field) + "\" name=\"" + Html.escape(field) + "\"";
    if (!choices.isEmpty()) {
      html.append("<select").append(id).append("><option value=\"\">")
          .append(param.getDefaultValue() == null ? "(none)" : "(default: " + Html.escape(param.getDefaultValue()) + ")")
          .append("</option>");
      for (String choice : choices) {
        html.append("<option value=\"").append(Html.escape(choice)).append('"')
            .append(choice.equals(value) ? " selected" : "").append('>').append(Html.escape(choice)).append("</option>");
      }
      html.append("</select>");
      return;
    }
    html.append("<input").append(id).append(" value=\"").append(Html.escape(value)).append("\" placeholder=\"")
        .append(Html.escape(param.getDefaultValue() == null ? "" : param.getDefaultValue())).append('"')
        .append(param.isRequired() && param.getDefaultValue() == null ? " required" : "").append('>');
  }
}
