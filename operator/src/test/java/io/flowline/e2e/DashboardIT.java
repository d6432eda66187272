package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.flowline.api.NodePhase;
import io.flowline.api.ParamValue;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The dashboard in a real browser (headless Chromium, see {@link Browser}) against real runs, following the DOM
 * contract of the Dashboard design: the overview links to a pipeline and its running run, whose DAG changes colour
 * as nodes finish without a reload; a node's log; the grid after three runs; starting and cancelling a run through
 * an auth proxy with real RBAC behind the SubjectAccessReview; hostile strings shown as text.
 */
class DashboardIT {
  private static final int DASHBOARD_PORT = HealthEndpoint.freePort();

  @RegisterExtension
  static final E2eEnvironment env = new E2eEnvironment(Map.of(
      "FLOWLINE_DASHBOARD_PORT", Integer.toString(DASHBOARD_PORT),
      "FLOWLINE_DASHBOARD_ACTIONS", "true"));

  private static final String SCRIPT_PAYLOAD = "<script>window.__xss=1</script>";
  private static final String ATTRIBUTE_PAYLOAD = "\"><img src=x onerror=\"window.__xss=1\">";
  /** The run page polls every 2 s; a page and a redirect need well under this on a busy node. */
  private static final Duration PAGE_DEADLINE = Duration.ofSeconds(30);
  private static final Duration DASHBOARD_UP = Duration.ofSeconds(60);
  /** A pod gets SIGTERM when its Job is deleted; the node traps it so the pod goes at once. */
  private static final String LONG_NODE = "trap 'exit 143' TERM; sleep 60 & wait";

  private static Browser browser;
  private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final Runs runs = new Runs(env);

  /** A failing test leaves what the browser showed, and the page's HTML, next to the run-page screenshot. */
  @RegisterExtension
  final TestWatcher keepThePage = new TestWatcher() {
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
      if (browser != null) {
        String name = "DashboardIT-" + context.getRequiredTestMethod().getName() + "-failed";
        System.err.println("DashboardIT: the browser was at " + browser.driver().getCurrentUrl() + ", see "
            + browser.screenshot(name + ".png") + " and " + browser.savePageSource(name + ".html"));
      }
    }
  };

  @BeforeAll
  static void dashboardAnswersAndBrowserStarts() {
    env.await("the dashboard on port " + DASHBOARD_PORT + " to answer / with 200").atMost(DASHBOARD_UP)
        .ignoreExceptionsInstanceOf(IOException.class)
        .until(() -> get("/").statusCode() == 200);
    browser = Browser.start();
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  void theOverviewLeadsToARunningRunWhoseDagChangesColourLiveUntilAllSucceeded() {
    createPipeline("steps", """
        nodes:
        - {name: a, image: "busybox:1.36", command: [sh, -c, "sleep 5"]}
        - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, "sleep 3"]}
        - {name: c, dependsOn: [b], image: "busybox:1.36", command: [sh, -c, "sleep 3"]}""");
    runs.create(runOf("steps", "steps-watched"));
    awaitNode("steps-watched", "a", NodePhase.Running);

    openUntilPresent(dashboard("/"), By.cssSelector(
        "table#pipelines tr[data-pipeline='" + env.namespace() + "/steps'] a.pipeline-link")).click();
    assertThat(browser.driver().getCurrentUrl()).endsWith("/ns/" + env.namespace() + "/pipelines/steps");
    refreshUntilPresent(By.cssSelector("table#runs tr[data-run='steps-watched'] a.run-link")).click();
    assertThat(browser.driver().getCurrentUrl()).endsWith("/ns/" + env.namespace() + "/runs/steps-watched");

    // Set once; still there at the end shows the page changed by its script, not by a reload.
    browser.script("window.__sameDocument = 'yes'");
    String firstA = nodeClass("a");
    String firstC = nodeClass("c");
    assertThat(firstC).as("node c when the page opened, a and b still ahead of it")
        .containsAnyOf("phase-Pending", "phase-Running").doesNotContain("phase-Succeeded");
    assertThat(browser.driver().findElement(By.id("run-phase")).getText()).isIn("Pending", "Running");
    if (!firstA.contains("phase-Succeeded")) {
      assertThat(firstA).containsAnyOf("phase-Pending", "phase-Running");
      awaitNodeClass("a", "phase-Succeeded");
    }
    for (String node : List.of("a", "b", "c")) {
      awaitNodeClass(node, "phase-Succeeded");
    }
    browser.await(PAGE_DEADLINE).until(ExpectedConditions.textToBe(By.id("run-phase"), "Succeeded"));
    assertThat(browser.script("return window.__sameDocument")).as("no reload").isEqualTo("yes");
    assertThat(runs.get("steps-watched").getStatus().getPhase()).isEqualTo(RunPhase.Succeeded);
    assertThat(browser.screenshot("run-page-live.png")).as("the page as its script left it").isRegularFile();

    // The artifact: the whole page as rendered for the finished run (timeline and node table are not live).
    browser.await(PAGE_DEADLINE).until(driver -> {
      driver.navigate().refresh();
      return driver.findElements(By.cssSelector("table#nodes tr[data-node] .phase-Succeeded")).size() == 3;
    });
    assertThat(browser.screenshot("run-page.png")).isRegularFile();
  }

  @Test
  void aNodesLogPageShowsWhatTheNodeEchoed() {
    String line = "flowline-says-hello-" + env.namespace();
    runs.create(Runs.inlineRun("logged", "- {name: say, image: \"busybox:1.36\", command: [sh, -c, \"echo "
        + line + "; sleep 4\"]}"));
    env.await("the pod of logged/say to run").atMost(E2eEnvironment.RUN_DEADLINE)
        .until(() -> runs.pods("logged").stream().anyMatch(pod -> "Running".equals(pod.getStatus().getPhase())));

    openUntilPresent(dashboard("/ns/" + env.namespace() + "/runs/logged"),
        By.cssSelector("table#nodes tr[data-node='say'] a.log-link")).click();

    assertThat(browser.driver().getCurrentUrl()).contains("/runs/logged/nodes/say/logs");
    browser.await(E2eEnvironment.RUN_DEADLINE).until(ExpectedConditions.textToBePresentInElementLocated(
        By.cssSelector("pre#log"), line));
    browser.await(E2eEnvironment.RUN_DEADLINE).until(driver -> {
      String status = driver.findElement(By.id("log-status")).getText();
      return status.contains("ended") || status.contains("gone");
    });
  }

  @Test
  void theGridShowsEachOfThreeFinishedRunsWithItsNodePhasesOneFailedAtB() {
    createPipeline("gridded", """
        params: [{name: failAt, type: string, default: none}]
        nodes:
        - {name: a, image: "busybox:1.36", command: [sh, -c, "true"]}
        - {name: b, dependsOn: [a], image: "busybox:1.36", command: [sh, -c, 'test "$(params.failAt)" != b || exit 3']}
        - {name: c, dependsOn: [b], image: "busybox:1.36", command: [sh, -c, "true"]}""");
    runs.create(runOf("gridded", "gridded-1"));
    runs.create(runOf("gridded", "gridded-2", "failAt", "b"));
    runs.create(runOf("gridded", "gridded-3"));
    Map<String, RunPhase> expectedRuns = Map.of("gridded-1", RunPhase.Succeeded, "gridded-2", RunPhase.Failed,
        "gridded-3", RunPhase.Succeeded);
    expectedRuns.forEach((run, phase) -> {
      PipelineRun finished = runs.awaitFinished(run);
      assertThat(finished.getStatus().getPhase()).as(runs.describe(finished)).isEqualTo(phase);
    });

    browser.open(dashboard("/ns/" + env.namespace() + "/pipelines/gridded"));
    // The dashboard reads the informer cache, a moment behind the API: reload until it has caught up.
    browser.await(PAGE_DEADLINE).until(driver -> {
      boolean caughtUp = driver.findElements(By.cssSelector("table#grid tr[data-run]")).size() == 3
          && driver.findElements(By.cssSelector("table#grid td.phase-Running, table#grid td.phase-Pending"))
              .size() == 1;
      if (!caughtUp) {
        driver.navigate().refresh();
      }
      return caughtUp;
    });
    assertThat(browser.driver().findElements(By.cssSelector("table#grid tr[data-run]")))
        .extracting(row -> row.getDomAttribute("data-run"))
        .containsExactlyInAnyOrder("gridded-1", "gridded-2", "gridded-3");
    assertThat(cellPhases("gridded-1")).containsExactly("Succeeded", "Succeeded", "Succeeded");
    assertThat(cellPhases("gridded-2")).as("failed at b, c never started").containsExactly("Succeeded", "Failed",
        "Pending");
    assertThat(cellPhases("gridded-3")).containsExactly("Succeeded", "Succeeded", "Succeeded");
  }

  @Test
  void theRunPageListsTheRunsEventsWithWhyANodeFailed() {
    runs.create(Runs.inlineRun("eventful", "- {name: broken, image: \"busybox:1.36\", command: [sh, -c, \"exit 4\"]}"));
    PipelineRun failed = runs.awaitFinished("eventful");
    assertThat(failed.getStatus().getPhase()).as(runs.describe(failed)).isEqualTo(RunPhase.Failed);

    browser.open(dashboard("/ns/" + env.namespace() + "/runs/eventful"));
    // Events are read when the page opens, and the operator records them just after the status: reload until listed.
    browser.await(PAGE_DEADLINE).until(driver -> {
      boolean listed = driver.findElement(By.id("events")).getText().contains("NodeFailed");
      if (!listed) {
        driver.navigate().refresh();
      }
      return listed;
    });
    assertThat(browser.driver().findElement(By.id("events")).getText()).contains("Warning")
        .contains("node broken failed");
  }

  @Test
  void aUserTheProxyNamesStartsARunFromTheFormAndCancelsItOthersAreRefused() throws Exception {
    createPipeline("startable", """
        params: [{name: greeting, type: string, required: true}]
        nodes:
        - name: long
          image: "busybox:1.36"
          env: [{name: GREETING, value: "$(params.greeting)"}]
          command:
          - sh
          - -c
          - |
            echo "$GREETING"; %s""".formatted(LONG_NODE));
    grantRunControl("alice");
    String pipelinePage = "/ns/" + env.namespace() + "/pipelines/startable";

    try (AuthProxy mallorysProxy = AuthProxy.start(DASHBOARD_PORT, "mallory", "devs")) {
      submitStartForm(mallorysProxy.url(pipelinePage), "from mallory");
      WebElement error = browser.await(PAGE_DEADLINE).until(ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector(".form-error")));
      assertThat(error.getText()).as("the refusal names who may not do what").contains("mallory", "create");
      assertThat(runsOf("startable")).as("no run for mallory").isEmpty();
    }

    String formAction;
    String runName;
    try (AuthProxy alicesProxy = AuthProxy.start(DASHBOARD_PORT, "alice", "devs")) {
      formAction = URI.create(submitStartForm(alicesProxy.url(pipelinePage), "hello from alice")).getRawPath();
      browser.await(PAGE_DEADLINE).until(ExpectedConditions.urlMatches(
          "/ns/" + Pattern.quote(env.namespace()) + "/runs/[^/?#]+$"));
      Matcher landed = Pattern.compile("/runs/([^/?#]+)$").matcher(browser.driver().getCurrentUrl());
      assertThat(landed.find()).isTrue();
      runName = landed.group(1);
      PipelineRun started = runs.get(runName);
      assertThat(started).as("the run the page shows, " + runName).isNotNull();
      assertThat(started.getSpec().getPipelineRef().getName()).isEqualTo("startable");
      assertThat(started.getSpec().getParams()).extracting(ParamValue::getName, ParamValue::getValue)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("greeting", "hello from alice"));

      awaitNode(runName, "long", NodePhase.Running);
      browser.driver().navigate().refresh();
      WebElement cancel = browser.await(PAGE_DEADLINE).until(ExpectedConditions.elementToBeClickable(
          By.cssSelector("form.action[data-action='cancel'] button")));
      String cancelAction = browser.driver().findElement(By.cssSelector("form.action[data-action='cancel']"))
          .getDomProperty("action");
      cancel.click();
      browser.await(E2eEnvironment.RUN_DEADLINE).until(ExpectedConditions.textToBe(By.id("run-phase"), "Cancelled"));
      assertThat(browser.driver().getCurrentUrl()).endsWith("/runs/" + runName);
      assertThat(runs.get(runName).getStatus().getPhase()).isEqualTo(RunPhase.Cancelled);

      // Straight to the dashboard, past the proxy: no user, no action.
      assertThat(postDirectly(formAction, "param.greeting=bypass").statusCode()).as("start without the proxy")
          .isEqualTo(401);
      assertThat(postDirectly(URI.create(cancelAction).getRawPath(), "").statusCode()).as("cancel without the proxy")
          .isEqualTo(401);
    }
    assertThat(runsOf("startable")).as("only alice's run").containsExactly(runName);
  }

  @Test
  void hostileParamValuesAndOutputsShowAsTextAndRunNoScript() {
    runs.create("""
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: hostile}
        spec:
          params: [{name: tag, value: %s}, {name: attr, value: %s}]
          pipelineSpec:
            params: [{name: tag, type: string}, {name: attr, type: string}]
            nodes:
            - name: echo
              image: "busybox:1.36"
              outputs: [tag, attr]
              env: [{name: TAG, value: "$(params.tag)"}, {name: ATTR, value: "$(params.attr)"}]
              command: [sh, -c, 'printf "tag=%%s\\nattr=%%s\\n" "$TAG" "$ATTR" > /dev/termination-log']
        """.formatted(json(SCRIPT_PAYLOAD), json(ATTRIBUTE_PAYLOAD)));
    PipelineRun done = runs.awaitFinished("hostile");
    assertThat(done.getStatus().getPhase()).as(runs.describe(done)).isEqualTo(RunPhase.Succeeded);
    assertThat(runs.node(done, "echo").getOutputs()).containsEntry("tag", SCRIPT_PAYLOAD)
        .containsEntry("attr", ATTRIBUTE_PAYLOAD);

    browser.open(dashboard("/ns/" + env.namespace() + "/runs/hostile"));
    browser.await(PAGE_DEADLINE).until(driver -> {
      boolean caughtUp = driver.findElements(By.cssSelector("table#nodes tr[data-node='echo']")).size() == 1
          && driver.findElement(By.id("run-phase")).getText().equals("Succeeded");
      if (!caughtUp) {
        driver.navigate().refresh();
      }
      return caughtUp;
    });

    String text = browser.driver().findElement(By.tagName("body")).getText();
    // At least twice each: as a param value and as a node output.
    assertThat(countOf(text, SCRIPT_PAYLOAD)).as("the script payload as text in:%n%s", text)
        .isGreaterThanOrEqualTo(2);
    assertThat(countOf(text, ATTRIBUTE_PAYLOAD)).as("the attribute payload as text in:%n%s", text)
        .isGreaterThanOrEqualTo(2);
    assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
    assertThat(browser.script("return document.querySelectorAll('img[src=\"x\"], img[onerror]').length"))
        .as("injected img elements").isEqualTo(0L);
    assertThat(browser.script(
        "return Array.from(document.scripts).filter(s => s.text.includes('__xss')).length"))
        .as("injected script elements").isEqualTo(0L);
  }

  // --- helpers

  private static String dashboard(String path) {
    return "http://127.0.0.1:" + DASHBOARD_PORT + path;
  }

  private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(dashboard(path))).timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> postDirectly(String path, String form) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(dashboard(path))).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Opens the page, reloading until the element is there (the dashboard's cache trails the API by a moment). */
  private static WebElement openUntilPresent(String url, By element) {
    browser.open(url);
    return refreshUntilPresent(element);
  }

  private static WebElement refreshUntilPresent(By element) {
    return browser.await(PAGE_DEADLINE).until(driver -> {
      List<WebElement> found = driver.findElements(element);
      if (found.isEmpty()) {
        driver.navigate().refresh();
        return null;
      }
      return found.get(0);
    });
  }

  /** Fills the start form's greeting, submits it and returns the form's action address. */
  private static String submitStartForm(String pipelinePage, String greeting) {
    WebElement form = openUntilPresent(pipelinePage, By.cssSelector("form#start"));
    assertThat(form.getDomAttribute("method")).isEqualToIgnoringCase("post");
    assertThat(form.findElements(By.cssSelector("input[type=hidden][name=csrf]"))).as("csrf field").hasSize(1);
    WebElement greetingField = form.findElement(By.cssSelector("[name='param.greeting']"));
    greetingField.clear();
    greetingField.sendKeys(greeting);
    String action = form.getDomProperty("action");
    form.findElement(By.id("start-submit")).click();
    return action;
  }

  private static String nodeClass(String node) {
    return browser.driver().findElement(By.cssSelector("svg.dag g.node[data-node='" + node + "']"))
        .getDomAttribute("class");
  }

  private static void awaitNodeClass(String node, String cssClass) {
    browser.await(E2eEnvironment.RUN_DEADLINE).until((WebDriver driver) -> {
      try {
        return nodeClass(node).contains(cssClass);
      } catch (NoSuchElementException e) {
        return false;
      }
    });
  }

  /** The grid row's cells in column order as phase names, from their phase- classes. */
  private static List<String> cellPhases(String run) {
    return browser.driver().findElements(By.cssSelector("table#grid tr[data-run='" + run + "'] td[data-node]"))
        .stream().map(cell -> {
          Matcher phase = Pattern.compile("\\bphase-(\\w+)").matcher(cell.getDomAttribute("class"));
          return phase.find() ? phase.group(1) : "(no phase- class: " + cell.getDomAttribute("class") + ")";
        }).toList();
  }

  private void createPipeline(String name, String spec) {
    String yaml = """
        apiVersion: flowline.io/v1alpha1
        kind: Pipeline
        metadata: {name: %s}
        spec:
        %s""".formatted(name, spec.indent(2));
    env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, Pipeline.class))
        .inNamespace(env.namespace()).create();
  }

  private static String runOf(String pipeline, String name, String... paramNamesAndValues) {
    StringBuilder params = new StringBuilder();
    for (int i = 0; i < paramNamesAndValues.length; i += 2) {
      params.append(params.length() == 0 ? "" : ", ").append("{name: ").append(paramNamesAndValues[i])
          .append(", value: ").append(json(paramNamesAndValues[i + 1])).append('}');
    }
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineRef: {name: %s}
          params: [%s]
        """.formatted(name, pipeline, params);
  }

  /** A YAML scalar holding exactly TEXT: a JSON string is a double-quoted YAML scalar. */
  private static String json(String text) {
    return env.client().getKubernetesSerialization().asJson(text);
  }

  /** Lets USER create, get and patch PipelineRuns in the test namespace: what start and cancel are checked for. */
  private static void grantRunControl(String user) {
    String role = "dashboard-" + user;
    env.client().rbac().roles().inNamespace(env.namespace()).resource(new RoleBuilder()
        .withNewMetadata().withName(role).endMetadata()
        .withRules(new PolicyRuleBuilder().withApiGroups("flowline.io").withResources("pipelineruns")
            .withVerbs("create", "get", "patch").build())
        .build()).create();
    env.client().rbac().roleBindings().inNamespace(env.namespace()).resource(new RoleBindingBuilder()
        .withNewMetadata().withName(role).endMetadata()
        .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("Role").withName(role).endRoleRef()
        .addNewSubject().withApiGroup("rbac.authorization.k8s.io").withKind("User").withName(user).endSubject()
        .build()).create();
    env.await("RBAC to let " + user + " create pipelineruns").atMost(Duration.ofSeconds(30))
        .until(() -> env.kubectlSucceeds("auth", "can-i", "create", "pipelineruns.flowline.io", "--as", user));
  }

  private List<String> runsOf(String pipeline) {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace()).list().getItems().stream()
        .filter(run -> run.getSpec().getPipelineRef() != null
            && pipeline.equals(run.getSpec().getPipelineRef().getName()))
        .map(run -> run.getMetadata().getName()).toList();
  }

  private void awaitNode(String run, String node, NodePhase phase) {
    env.await(run + " node " + node + " " + phase).atMost(E2eEnvironment.RUN_DEADLINE)
        .until(() -> runs.get(run), current -> current != null && current.getStatus() != null
            && Runs.findNode(current, node).map(status -> status.getPhase() == phase).orElse(false));
  }

  private static int countOf(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }
}
