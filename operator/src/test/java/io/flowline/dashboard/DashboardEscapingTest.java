package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.flowline.api.NodeStatus;
import io.flowline.api.ParamValue;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every string a user wrote reaches the pages as text: two classic payloads go through each of them. */
class DashboardEscapingTest {
  private static final String SCRIPT = "<script>alert(1)</script>";
  private static final String IMG = "\"><img src=x onerror=alert(1)>";
  private static final String BOTH = SCRIPT + IMG;
  private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");

  private final InMemoryDashboardData data = new InMemoryDashboardData();
  private final Dashboard dashboard;

  DashboardEscapingTest() {
    Pipeline pipeline = DashboardFixtures.chain("ns", "p");
    pipeline.getSpec().setDescription(BOTH);
    pipeline.getSpec().getParams().get(0).setDescription(BOTH);
    pipeline.getSpec().getParams().get(0).setDefaultValue(BOTH);
    pipeline.getSpec().getParams().get(0).setAllowedValues(List.of(BOTH, "plain"));
    io.flowline.api.PipelineStatus status = new io.flowline.api.PipelineStatus();
    Condition ready = new Condition();
    ready.setType("Ready");
    ready.setStatus("False");
    ready.setReason("Invalid");
    ready.setMessage(BOTH);
    status.setConditions(List.of(ready));
    pipeline.setStatus(status);
    PipelineRun run = DashboardFixtures.run("ns", "r", "p", NOW.minusSeconds(30), RunPhase.Failed,
        "a=Succeeded", "b=Failed");
    run.getSpec().setCorrelationId(BOTH);
    run.getStatus().setMessage(BOTH);
    run.getStatus().setParams(List.of(new ParamValue("p", BOTH)));
    NodeStatus failed = run.getStatus().getNodes().get(1);
    failed.setReason(BOTH);
    failed.setMessage(BOTH);
    run.getStatus().getNodes().get(0).getOutputs().put("out", BOTH);
    data.add(pipeline).add(run).events(run, List.of(new EventLine("Warning", BOTH, BOTH, NOW.toString(), 1)));
    dashboard = new Dashboard(data, DashboardActions.on(new CsrfTokens(), request -> new AccessReviewer.Decision(true,
        ""), new NoRunControl()), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/ns/ns/pipelines/p", "/ns/ns/runs", "/ns/ns/runs/r",
      "/ns/ns/runs/r/nodes/b/logs", "/api/v1/namespaces/ns/runs/r"})
  void userStringsAppearOnlyEscaped(String path) {
    String body = get(path, Map.of()).body();

    assertNoMarkup(body);
  }

  @Test
  void theRunPageShowsEachPayloadAsText() {
    String body = get("/ns/ns/runs/r", Map.of()).body();

    assertThat(body).contains(Html.escape(BOTH)).contains("out=" + Html.escape(BOTH));
    assertNoMarkup(body);
  }

  @Test
  void filtersAndPathsEchoedBackAreEscaped() {
    assertNoMarkup(get("/ns/ns/runs", Map.of("pipeline", BOTH, "correlationId", BOTH, "phase", BOTH)).body());
    assertNoMarkup(get("/ns/" + SCRIPT + "/runs/" + IMG, Map.of()).body());
    assertNoMarkup(get("/no/" + SCRIPT, Map.of()).body());
  }

  @Test
  void aRefusedStartFormShowsThePostedValuesEscaped() {
    DashboardResponse response = dashboard.handle(new DashboardRequest("POST", "/ns/ns/pipelines/p/start", Map.of(),
        Map.of("csrf", new CsrfTokens().tokenFor("x"), "param.p", BOTH), java.util.Optional.of("x"), List.of()));

    assertNoMarkup(response.body());
  }

  private DashboardResponse get(String path, Map<String, String> query) {
    return dashboard.handle(DashboardRequest.get(path, query));
  }

  private static void assertNoMarkup(String body) {
    assertThat(body).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("alert(1)>");
  }

  /** Nothing in these tests may reach the API. */
  static final class NoRunControl implements RunControl {
    @Override
    public String start(String namespace, String pipeline, List<ParamValue> params, String correlationId) {
      throw new AssertionError("no run may be started");
    }

    @Override
    public void setState(String namespace, String run, io.flowline.api.DesiredRunState state) {
      throw new AssertionError("no run may be changed");
    }

    @Override
    public void retry(String namespace, String run) {
      throw new AssertionError("no run may be retried");
    }
  }
}
