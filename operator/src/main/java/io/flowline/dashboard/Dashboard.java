package io.flowline.dashboard;

import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The dashboard's pages and JSON: a request in, a response out, with no HTTP server type in sight. */
public final class Dashboard {
  private static final Logger LOG = LoggerFactory.getLogger(Dashboard.class);

  private final DashboardData data;
  private final DashboardActions actions;
  private final Clock clock;

  /** @param actions the POST side; {@link DashboardActions#off()} when actions are not enabled */
  public Dashboard(DashboardData data, DashboardActions actions, Clock clock) {
    this.data = data;
    this.actions = actions;
    this.clock = clock;
  }

  /** A log stream request: {@code /ns/{ns}/runs/{run}/nodes/{node}/logs/stream}. */
  public record LogStream(String namespace, String run, String node, int attempt) {
  }

  /** Whether the path is a log stream's, which the server answers with Server-Sent Events. */
  public static boolean isLogStream(String path) {
    List<String> segments = segments(path);
    return segments.size() == 8 && "ns".equals(segments.get(0)) && "runs".equals(segments.get(2))
        && "nodes".equals(segments.get(4)) && "logs".equals(segments.get(6)) && "stream".equals(segments.get(7));
  }

  /**
   * The stream a request asks for, with the newest attempt when the query names none; empty if it is no stream
   * or names no run in the cache.
   */
  public Optional<LogStream> logStream(DashboardRequest request) {
    if (!isLogStream(request.path()) || !data.ready()) {
      return Optional.empty();
    }
    List<String> path = segments(request.path());
    return data.run(path.get(1), path.get(3)).map(run -> new LogStream(path.get(1), path.get(3), path.get(5),
        attempt(request, newestAttempt(run, path.get(5)))));
  }

  public DashboardResponse handle(DashboardRequest request) {
    List<String> path = segments(request.path());
    if (!data.ready()) {
      return new DashboardResponse(503, DashboardResponse.HTML, Layout.page("Starting", "<h1>Starting</h1><p>The "
          + "operator is starting and its caches are not filled yet: reload in a few seconds.</p>"),
          Map.of("Retry-After", "2"));
    }
    try {
      if ("POST".equals(request.method())) {
        return actions.handle(request, path, this);
      }
      if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
        return new DashboardResponse(405, DashboardResponse.TEXT, "GET or POST only\n", Map.of("Allow", "GET, POST"));
      }
      if (!path.isEmpty() && "api".equals(path.get(0))) {
        return api(request, path);
      }
      return page(request, path);
    } catch (RuntimeException e) {
      // A page must never take the server down; the log has the stack for a bug report.
      LOG.warn("Dashboard request {} {} failed", request.method(), request.path(), e);
      return DashboardResponse.html(500, Layout.page("Error", "<h1>Something went wrong</h1><p>"
          + Html.escape(String.valueOf(e.getMessage())) + "</p>"));
    }
  }

  private DashboardResponse page(DashboardRequest request, List<String> path) {
    if (path.isEmpty()) {
      return DashboardResponse.html(Layout.page("Pipelines", OverviewPage.render(data.pipelines())));
    }
    if (path.size() < 3 || !"ns".equals(path.get(0))) {
      return DashboardResponse.notFound("No page at " + request.path());
    }
    String namespace = path.get(1);
    if (path.size() == 4 && "pipelines".equals(path.get(2))) {
      return pipelinePage(request, namespace, path.get(3), Map.of(), Map.of(), 200);
    }
    if (path.size() == 3 && "runs".equals(path.get(2))) {
      RunQuery query = new RunQuery(request.param("pipeline"), request.param("phase"), request.param("correlationId"));
      return DashboardResponse.html(RunsPage.render(namespace, query, query.select(data.runs(namespace)),
          request.page("page"), clock.instant()));
    }
    if (path.size() == 4 && "runs".equals(path.get(2))) {
      return runPage(request, namespace, path.get(3));
    }
    if (path.size() == 7 && "runs".equals(path.get(2)) && "nodes".equals(path.get(4)) && "logs".equals(path.get(6))) {
      Optional<PipelineRun> run = data.run(namespace, path.get(3));
      if (run.isEmpty()) {
        return DashboardResponse.notFound("No run " + path.get(3) + " in namespace " + namespace);
      }
      int newest = newestAttempt(run.get(), path.get(5));
      return DashboardResponse.html(LogPage.render(namespace, path.get(3), path.get(5), attempt(request, newest),
          newest));
    }
    return DashboardResponse.notFound("No page at " + request.path());
  }

  /** The pipeline page; with {@code form} and {@code problems} when a start was refused. */
  DashboardResponse pipelinePage(DashboardRequest request, String namespace, String name, Map<String, String> form,
      Map<String, List<String>> problems, int status) {
    Optional<Pipeline> pipeline = data.pipeline(namespace, name);
    if (pipeline.isEmpty()) {
      return DashboardResponse.notFound("No Pipeline " + name + " in namespace " + namespace);
    }
    List<PipelineRun> runs = RunQuery.ofPipeline(name).select(data.runs(namespace));
    String startForm = actions.startForm(request, pipeline.get(), form, problems);
    return DashboardResponse.html(status, PipelinePage.render(pipeline.get(), runs, data, request.page("page"),
        startForm, clock.instant()));
  }

  private DashboardResponse runPage(DashboardRequest request, String namespace, String name) {
    Optional<PipelineRun> run = data.run(namespace, name);
    if (run.isEmpty()) {
      return DashboardResponse.notFound("No run " + name + " in namespace " + namespace
          + " (deleted, pruned from the history, or not in a watched namespace)");
    }
    RunPage.EventsOrProblem events;
    try {
      events = new RunPage.EventsOrProblem(data.events(run.get()), null);
    } catch (RuntimeException e) {
      events = new RunPage.EventsOrProblem(List.of(), e.getMessage());
    }
    return DashboardResponse.html(RunPage.render(run.get(), data.specOf(run.get()), data.nodes(run.get()), events,
        request.page("nodePage"), actions.runButtons(request, run.get()), clock.instant()));
  }

  private DashboardResponse api(DashboardRequest request, List<String> path) {
    if (path.size() == 3 && "v1".equals(path.get(1)) && "pipelines".equals(path.get(2))) {
      return DashboardResponse.json(JsonApi.pipelines(data.pipelines()));
    }
    if (path.size() < 5 || !"v1".equals(path.get(1)) || !"namespaces".equals(path.get(2))) {
      return DashboardResponse.jsonError(404, "no endpoint at " + request.path());
    }
    String namespace = path.get(3);
    String kind = path.get(4);
    if ("pipelines".equals(kind) && path.size() == 5) {
      return DashboardResponse.json(JsonApi.pipelines(data.pipelines().stream()
          .filter(p -> namespace.equals(p.getMetadata().getNamespace())).toList()));
    }
    if ("pipelines".equals(kind) && path.size() == 6) {
      return data.pipeline(namespace, path.get(5)).map(p -> DashboardResponse.json(JsonApi.pipeline(p)))
          .orElseGet(() -> DashboardResponse.jsonError(404, "no Pipeline " + path.get(5) + " in " + namespace));
    }
    if ("runs".equals(kind) && path.size() == 5) {
      RunQuery query = new RunQuery(request.param("pipeline"), request.param("phase"), request.param("correlationId"));
      return DashboardResponse.json(JsonApi.runs(Paging.of(query.select(data.runs(namespace)), request.page("page"),
          RunsPage.RUNS_PER_PAGE)));
    }
    if ("runs".equals(kind) && path.size() == 6) {
      return data.run(namespace, path.get(5)).map(r -> DashboardResponse.json(JsonApi.run(r, data.nodes(r))))
          .orElseGet(() -> DashboardResponse.jsonError(404, "no run " + path.get(5) + " in " + namespace));
    }
    return DashboardResponse.jsonError(404, "no endpoint at " + request.path());
  }

  DashboardData data() {
    return data;
  }

  private int newestAttempt(PipelineRun run, String node) {
    return data.nodes(run).stream().filter(n -> node.equals(n.getName())).mapToInt(NodeStatus::getAttempt)
        .findFirst().orElse(1);
  }

  private static int attempt(DashboardRequest request, int newest) {
    try {
      int asked = Integer.parseInt(request.param("attempt"));
      return asked >= 1 ? asked : newest;
    } catch (NumberFormatException e) {
      return newest;
    }
  }

  /** The path's decoded segments, without empty ones: "/ns/a/runs/" is ["ns", "a", "runs"]. */
  static List<String> segments(String path) {
    return Arrays.stream(path.split("/")).filter(s -> !s.isEmpty())
        .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
  }
}
