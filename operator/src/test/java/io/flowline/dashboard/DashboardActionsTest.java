package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.flowline.api.DesiredRunState;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.ParamValue;
import io.flowline.api.Pipeline;
import io.flowline.api.RunPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who may do what from the dashboard: the proxy's user, a CSRF token, and the SubjectAccessReview's answer. */
class DashboardActionsTest {
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  private final CsrfTokens csrf = new CsrfTokens();
  private final List<AccessReviewer.Request> reviews = new ArrayList<>();
  private final List<String> calls = new ArrayList<>();
  private boolean allowed = true;
  private final InMemoryDashboardData data = new InMemoryDashboardData();

  DashboardActionsTest() {
    Pipeline pipeline = DashboardFixtures.chain("team", "etl");
    ParamSpec size = new ParamSpec("size", ParamType.INTEGER);
    size.setRequired(true);
    ParamSpec mode = new ParamSpec("mode", ParamType.STRING);
    mode.setAllowedValues(List.of("full", "delta"));
    pipeline.getSpec().setParams(new ArrayList<>(List.of(size, mode)));
    data.add(pipeline).add(DashboardFixtures.run("team", "etl-1", "etl", NOW, RunPhase.Running, "a=Running"));
  }

  private Dashboard dashboard(DashboardActions actions) {
    return new Dashboard(data, actions, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  private Dashboard withActions() {
    return dashboard(DashboardActions.on(csrf, request -> {
      reviews.add(request);
      return new AccessReviewer.Decision(allowed, allowed ? "" : "RBAC: no rule");
    }, new RecordingControl()));
  }

  private DashboardResponse post(Dashboard dashboard, String path, Optional<String> user, Map<String, String> form) {
    return dashboard.handle(new DashboardRequest("POST", path, Map.of(), form, user, List.of("team-a", "ops")));
  }

  private Map<String, String> signed(String user, String... fields) {
    Map<String, String> form = new HashMap<>();
    form.put("csrf", csrf.tokenFor(user));
    for (int i = 0; i < fields.length; i += 2) {
      form.put(fields[i], fields[i + 1]);
    }
    return form;
  }

  @Test
  void anAllowedCancelPatchesTheRunsStateAfterAReviewOfPatchOnThatRunForTheProxysUserAndGroups() {
    DashboardResponse response = post(withActions(), "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"),
        signed("alice"));

    assertThat(response.status()).isEqualTo(303);
    assertThat(response.headers()).containsEntry("Location", "/ns/team/runs/etl-1");
    assertThat(reviews).containsExactly(
        new AccessReviewer.Request("alice", List.of("team-a", "ops"), "patch", "team", "etl-1"));
    assertThat(calls).containsExactly("state team/etl-1 Cancelled");
  }

  @Test
  void eachRunActionMapsToItsChange() {
    Dashboard dashboard = withActions();
    for (String action : DashboardActions.RUN_ACTIONS) {
      post(dashboard, "/ns/team/runs/etl-1/actions/" + action, Optional.of("alice"), signed("alice"));
    }

    assertThat(calls).containsExactly("state team/etl-1 Paused", "state team/etl-1 Running",
        "state team/etl-1 Stopped", "state team/etl-1 Cancelled", "retry team/etl-1");
  }

  @Test
  void aDeniedReviewRefusesWith403NamingTheUserAndChangesNothing() {
    allowed = false;

    DashboardResponse response = post(withActions(), "/ns/team/runs/etl-1/actions/stop", Optional.of("mallory"),
        signed("mallory"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("mallory may not patch pipelineruns/etl-1 in namespace team")
        .contains("RBAC: no rule");
    assertThat(calls).isEmpty();
  }

  @Test
  void withoutTheProxysUserHeaderTheActionIsRefusedWith401BeforeAnyReview() {
    DashboardResponse response = post(withActions(), "/ns/team/runs/etl-1/actions/cancel", Optional.empty(),
        signed("alice"));

    assertThat(response.status()).isEqualTo(401);
    assertThat(reviews).isEmpty();
    assertThat(calls).isEmpty();
  }

  @Test
  void aMissingOrForeignCsrfTokenIsRefused() {
    Dashboard dashboard = withActions();

    assertThat(post(dashboard, "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"), Map.of()).status())
        .isEqualTo(403);
    assertThat(post(dashboard, "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"), signed("bob")).status())
        .as("bob's token is not alice's").isEqualTo(403);
    assertThat(post(dashboard, "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"),
        Map.of("csrf", new CsrfTokens().tokenFor("alice"))).status()).as("another process's key").isEqualTo(403);
    assertThat(calls).isEmpty();
  }

  @Test
  void withActionsOffEveryPostIsRefusedAndNoFormIsShown() {
    Dashboard dashboard = dashboard(DashboardActions.off());

    assertThat(post(dashboard, "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"), signed("alice")).status())
        .isEqualTo(403);
    assertThat(dashboard.handle(DashboardRequest.get("/ns/team/pipelines/etl", Map.of())).body())
        .doesNotContain("form id=\"start\"");
    assertThat(dashboard.handle(DashboardRequest.get("/ns/team/runs/etl-1", Map.of())).body())
        .doesNotContain("class=\"action");
  }

  @Test
  void theStartFormIsBuiltFromTheParamsWithEnumsAsDropdownsAndRequiredOnesMarked() {
    String page = withActions().handle(new DashboardRequest("GET", "/ns/team/pipelines/etl", Map.of(), Map.of(),
        Optional.of("alice"), List.of())).body();

    assertThat(page).contains("<form id=\"start\"").contains("name=\"csrf\" value=\"" + csrf.tokenFor("alice") + "\"")
        .contains("<select id=\"param.mode\" name=\"param.mode\">").contains("<option value=\"delta\">delta</option>")
        .contains("<input id=\"param.size\" name=\"param.size\"").contains("size <b title=\"required\">*</b>");
  }

  @Test
  void aStartWithParamsTheEngineRefusesReRendersTheFormWithTheProblemAndCreatesNothing() {
    DashboardResponse response = post(withActions(), "/ns/team/pipelines/etl/start", Optional.of("alice"),
        signed("alice", "param.size", "many", "param.mode", "sideways"));

    assertThat(response.status()).isEqualTo(422);
    assertThat(response.body()).contains("data-param=\"size\"").contains("data-param=\"mode\"")
        .contains("value=\"many\"");
    assertThat(reviews).as("judged before anyone is asked").isEmpty();
    assertThat(calls).isEmpty();
  }

  @Test
  void aValidStartIsReviewedAsCreateInTheNamespaceThenCreatesTheRunWithTheGivenParamsOnly() {
    DashboardResponse response = post(withActions(), "/ns/team/pipelines/etl/start", Optional.of("alice"),
        signed("alice", "param.size", "5", "param.mode", "", "correlationId", "ticket-7"));

    assertThat(response.status()).isEqualTo(303);
    assertThat(response.headers()).containsEntry("Location", "/ns/team/runs/etl-started");
    assertThat(reviews).containsExactly(new AccessReviewer.Request("alice", List.of("team-a", "ops"), "create", "team",
        null));
    assertThat(calls).containsExactly("start team/etl [size=5] ticket-7");
  }

  @Test
  void anApiRefusalOfTheChangeIsShownWithItsStatus() {
    Dashboard dashboard = dashboard(DashboardActions.on(csrf, request -> new AccessReviewer.Decision(true, ""),
        new RecordingControl() {
          @Override
          public void setState(String namespace, String run, DesiredRunState state) {
            throw new KubernetesClientException("pipelineruns.flowline.io \"etl-1\" is forbidden", 403, null);
          }
        }));

    DashboardResponse response = post(dashboard, "/ns/team/runs/etl-1/actions/pause", Optional.of("alice"),
        signed("alice"));

    assertThat(response.status()).isEqualTo(403);
    assertThat(response.body()).contains("The operator&#39;s ServiceAccount may not do this");
  }

  @Test
  void whileTheOperatorStartsEveryRequestIsAnswered503RatherThanWithAnEmptyPageOrAnAction() {
    data.starting();
    Dashboard dashboard = withActions();

    DashboardResponse page = dashboard.handle(DashboardRequest.get("/", Map.of()));
    DashboardResponse action = post(dashboard, "/ns/team/runs/etl-1/actions/cancel", Optional.of("alice"),
        signed("alice"));

    assertThat(page.status()).isEqualTo(503);
    assertThat(page.headers()).containsKey("Retry-After");
    assertThat(action.status()).isEqualTo(503);
    assertThat(calls).isEmpty();
  }

  @Test
  void theReviewAsksAboutPipelineRunsOfFlowlineWithTheUsersGroups() {
    SubjectAccessReview review = SubjectAccessReviews.reviewOf(
        new AccessReviewer.Request("alice", List.of("team-a"), "patch", "team", "etl-1"));

    assertThat(review.getSpec().getUser()).isEqualTo("alice");
    assertThat(review.getSpec().getGroups()).containsExactly("team-a");
    assertThat(review.getSpec().getResourceAttributes().getGroup()).isEqualTo("flowline.io");
    assertThat(review.getSpec().getResourceAttributes().getResource()).isEqualTo("pipelineruns");
    assertThat(review.getSpec().getResourceAttributes().getVerb()).isEqualTo("patch");
    assertThat(review.getSpec().getResourceAttributes().getNamespace()).isEqualTo("team");
    assertThat(review.getSpec().getResourceAttributes().getName()).isEqualTo("etl-1");
  }

  private class RecordingControl implements RunControl {
    @Override
    public String start(String namespace, String pipeline, List<ParamValue> params, String correlationId) {
      calls.add("start " + namespace + "/" + pipeline + " "
          + params.stream().map(p -> p.getName() + "=" + p.getValue()).toList() + " " + correlationId);
      return pipeline + "-started";
    }

    @Override
    public void setState(String namespace, String run, DesiredRunState state) {
      calls.add("state " + namespace + "/" + run + " " + state);
    }

    @Override
    public void retry(String namespace, String run) {
      calls.add("retry " + namespace + "/" + run);
    }
  }
}
