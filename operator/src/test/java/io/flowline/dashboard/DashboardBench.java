package io.flowline.dashboard;

import io.flowline.api.NodePhase;
import io.flowline.api.NodeSpec;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's speed (issue 13), for the benchmark harness: the real server and pages over a cache of
 * {@code runs} finished runs and one run of {@code dagNodes} nodes, each page fetched over HTTP {@code samples}
 * times after a warm-up. The cache is filled in memory, as the informers would fill it, so no cluster is needed.
 */
public final class DashboardBench {
  private static final String NAMESPACE = "bench";
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  private static final int WARM_UP = 5;
  private static final RunPhase[] PHASES = {RunPhase.Succeeded, RunPhase.Succeeded, RunPhase.Succeeded,
      RunPhase.Failed};

  private DashboardBench() {
  }

  public static Map<String, Object> measure(int runs, int dagNodes, int samples) throws Exception {
    InMemoryDashboardData data = new InMemoryDashboardData().add(DashboardFixtures.chain(NAMESPACE, "etl"));
    for (int i = 0; i < runs; i++) {
      RunPhase phase = PHASES[i % PHASES.length];
      data.add(DashboardFixtures.run(NAMESPACE, "etl-" + i, "etl", T0.plusSeconds(i), phase, "a=Succeeded",
          "b=" + (phase == RunPhase.Failed ? "Failed" : "Succeeded"), "c=" + (phase == RunPhase.Failed ? "Skipped"
              : "Succeeded")));
    }
    data.add(bigRun(dagNodes));
    Map<String, String> pages = new LinkedHashMap<>();
    pages.put("runs list, page 1 of " + runs, "/ns/bench/runs");
    pages.put("runs list, filtered by phase", "/ns/bench/runs?phase=Failed&pipeline=etl");
    pages.put("runs list, page 100", "/ns/bench/runs?page=100");
    pages.put("runs JSON, page 1", "/api/v1/namespaces/bench/runs");
    pages.put("pipeline page (DAG, grid of 25, runs)", "/ns/bench/pipelines/etl");
    pages.put("run page, " + dagNodes + " nodes", "/ns/bench/runs/big");
    pages.put("run JSON, " + dagNodes + " nodes", "/api/v1/namespaces/bench/runs/big");
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("runsInCache", runs);
    result.put("bigRunNodes", dagNodes);
    result.put("samples", samples);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try (DashboardServer server = new DashboardServer(0, new Dashboard(data, DashboardActions.off(),
        Clock.systemUTC()), (ns, run, node, attempt, sink) -> sink.end("none"))) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Map.Entry<String, String> page : pages.entrySet()) {
        URI uri = URI.create("http://127.0.0.1:" + server.port() + page.getValue());
        int bytes = 0;
        for (int i = 0; i < WARM_UP; i++) {
          bytes = fetch(http, uri);
        }
        double[] millis = new double[samples];
        for (int i = 0; i < samples; i++) {
          long start = System.nanoTime();
          fetch(http, uri);
          millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("page", page.getKey());
        row.put("path", page.getValue());
        row.put("p50Ms", round(millis[samples / 2]));
        row.put("p95Ms", round(millis[Math.min(samples - 1, (int) Math.ceil(samples * 0.95) - 1)]));
        row.put("maxMs", round(millis[samples - 1]));
        row.put("bytes", bytes);
        rows.add(row);
      }
      result.put("pages", rows);
    }
    return result;
  }

  private static int fetch(HttpClient http, URI uri) throws Exception {
    HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(uri + " answered " + response.statusCode());
    }
    return response.body().length;
  }

  /** A run of a layered DAG (layers of 50 nodes, each node depending on two of the layer before), mostly done. */
  private static PipelineRun bigRun(int nodes) {
    PipelineSpec spec = new PipelineSpec();
    List<NodeSpec> specs = new ArrayList<>();
    List<NodeStatus> table = new ArrayList<>();
    int width = 50;
    for (int i = 0; i < nodes; i++) {
      NodeSpec node = new NodeSpec();
      node.setName("n" + i);
      node.setImage("busybox");
      if (i >= width) {
        int layerStart = (i / width - 1) * width;
        node.setDependsOn(new ArrayList<>(List.of("n" + (layerStart + i % width),
            "n" + (layerStart + (i * 7 + 3) % width))));
      }
      specs.add(node);
      NodeStatus status = new NodeStatus(node.getName());
      status.setPhase(i < nodes * 9 / 10 ? NodePhase.Succeeded : i % 2 == 0 ? NodePhase.Running : NodePhase.Pending);
      status.setAttempt(status.getPhase() == NodePhase.Pending ? 0 : 1);
      if (status.getAttempt() > 0) {
        status.setStartTime(T0.plusSeconds(i).toString());
        status.setJob("big-n" + i + "-1");
      }
      if (status.getPhase() == NodePhase.Succeeded) {
        status.setCompletionTime(T0.plusSeconds(i + 30).toString());
        status.getOutputs().put("rows", Integer.toString(i));
      }
      table.add(status);
    }
    spec.setNodes(specs);
    PipelineRun run = DashboardFixtures.run(NAMESPACE, "big", "etl", T0, RunPhase.Running);
    run.getStatus().setPipelineSpec(spec);
    run.getStatus().setNodes(table);
    run.getStatus().setProgress((nodes * 9 / 10) + "/" + nodes);
    return run;
  }

  private static double round(double millis) {
    return Math.round(millis * 10) / 10.0;
  }
}
