package io.flowline.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.e2e.OperatorProcess;
import io.flowline.e2e.RepoLayout;
import io.flowline.e2e.bigrun.FakeNode;
import io.flowline.e2e.bigrun.RunSizeWatch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The benchmark harness of issue 6: six scenarios against the real operator jar on a control-plane-only cluster
 * ({@code LOCAL_K8S_NODES=0 ../shared/k8s/up.sh}), with {@link FakeNode} as the node. Each scenario prints a table
 * and writes JSON to operator/target/bench-results/. Run with {@code ./mvnw -B -Pbench verify} (quick mode) or
 * {@code -Dbench.mode=full}; every size can be set, see BENCHMARKS.md.
 */
public final class Bench {
  private static final String RUN_LABEL = FakeNode.RUN_LABEL;
  private static final String NODE_LABEL = "flowline.io/node";
  private static final int OBJECT_LIMIT = 1024 * 1024;

  private final boolean quick = !"full".equals(System.getProperty("bench.mode", "quick"));
  private final Set<String> scenarios = new LinkedHashSet<>(Arrays.asList(
      prop("bench.scenarios", "throughput,latency,cost,bigdag,memory,baseline,dashboard",
          "throughput,latency,cost,bigdag,memory,baseline,dashboard").split(",")));
  private final List<Integer> throughputSizes = ints("bench.throughput.sizes", "50", "300,1000,3000");
  private final int chains = Integer.parseInt(prop("bench.latency.chains", "10", "100"));
  private final int chainLength = Integer.parseInt(prop("bench.latency.length", "10", "10"));
  private final List<Integer> dagSizes = ints("bench.bigdag.sizes", "100", "1000,5000,10000");
  private final int memoryRuns = Integer.parseInt(prop("bench.memory.runs", "200", "10000"));
  private final int memoryBurst = Integer.parseInt(prop("bench.memory.burst", "1000", "1000"));
  /** The chart's JVM options by default, so the memory figures are those of what ships. */
  private final String memoryJvm = prop("bench.memory.jvm", chartJavaOptions(), chartJavaOptions());
  private final List<Integer> baselineSizes = ints("bench.baseline.sizes", String.join(",",
      new TreeSet<>(throughputSizes).stream().map(String::valueOf).toList()),
      String.join(",", new TreeSet<>(throughputSizes).stream().map(String::valueOf).toList()));
  private final List<String> operatorJvmArgs = Arrays.stream(prop("bench.operator.jvmArgs", "", "").split("\\s+"))
      .filter(s -> !s.isBlank()).toList();
  private final int dashboardRuns = Integer.parseInt(prop("bench.dashboard.runs", "10000", "10000"));
  private final int dashboardNodes = Integer.parseInt(prop("bench.dashboard.nodes", "5000", "5000"));
  private final int dashboardSamples = Integer.parseInt(prop("bench.dashboard.samples", "20", "50"));
  private final int createThreads = Integer.parseInt(prop("bench.create.threads", "8", "8"));
  private final int fakeWorkers = Integer.parseInt(prop("bench.fakeNode.workers", "6", "6"));
  private final long fakeDelay = Long.parseLong(prop("bench.fakeNode.delayMs", "0", "0"));
  private final boolean fakePod = Boolean.parseBoolean(prop("bench.fakeNode.pod", "true", "true"));
  private final Duration timeout = Duration.ofSeconds(Long.parseLong(prop("bench.timeoutSeconds", "180", "1200")));
  private final Duration deleteWait = Duration.ofSeconds(Long.parseLong(prop("bench.deleteWaitSeconds", "60", "300")));
  private final long settleMillis = Long.parseLong(prop("bench.settleMs", "3000", "5000"));

  private final BenchCluster cluster = new BenchCluster();
  private final Path results;
  private final Map<String, Object> all = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  /** Operator traffic per node of the last throughput size and of the latency chains, for scenario 3. */
  private final Map<String, Map<String, Long>> costSources = new LinkedHashMap<>();
  private final Map<String, Integer> costNodes = new LinkedHashMap<>();
  /** CronJob controller syncs (batch/cronjobs LIST) in the same windows: each also LISTs all Jobs, in pages of 500. */
  private final Map<String, Long> cronJobSyncs = new LinkedHashMap<>();
  /** One Job as the operator wrote it: the baseline creates the same Jobs. */
  private Job operatorJob;
  private final Map<Integer, Double> throughputPerMin = new TreeMap<>();

  private Bench() {
    results = Path.of(System.getProperty("bench.results",
        cluster.layout.root().resolve("operator/target/bench-results").toString())).toAbsolutePath();
  }

  public static void main(String[] args) throws Exception {
    Bench bench = new Bench();
    try {
      bench.run();
    } finally {
      bench.cluster.close();
    }
  }

  private String prop(String name, String quickValue, String fullValue) {
    return System.getProperty(name, quick ? quickValue : fullValue);
  }

  private List<Integer> ints(String name, String quickValue, String fullValue) {
    return Arrays.stream(prop(name, quickValue, fullValue).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .map(Integer::parseInt).toList();
  }

  private void run() throws Exception {
    Files.createDirectories(results);
    cluster.checkNodeless();
    cluster.installCrds();
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("date", Instant.now().toString());
    machine.put("mode", quick ? "quick" : "full");
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("loadAverageAtStart", Proc.loadAverage());
    machine.put("apiserver", cluster.client.getMasterUrl().toString());
    machine.put("kubernetes", cluster.client.getKubernetesVersion().getGitVersion());
    machine.put("settings", Map.of("throughputSizes", throughputSizes, "chains", chains, "chainLength", chainLength,
        "bigDagSizes", dagSizes, "memoryRuns", memoryRuns, "memoryBurst", memoryBurst, "baselineSizes", baselineSizes,
        "createThreads", createThreads, "fakeNode", Map.of("workers", fakeWorkers, "delayMs", fakeDelay, "pod", fakePod),
        "operatorJvmArgs", operatorJvmArgs));
    all.put("machine", machine);
    System.out.println("[bench] " + machine);
    awaitLeftoverNamespaces();
    Map<String, Long> idle = idleTraffic();
    all.put("backgroundTraffic", idle);

    long started = System.currentTimeMillis();
    if (scenarios.contains("throughput") || scenarios.contains("cost")) {
      guarded("throughput", this::throughput);
    }
    if (scenarios.contains("latency") || scenarios.contains("cost")) {
      guarded("latency", this::latency);
    }
    if (scenarios.contains("cost")) {
      guarded("cost", this::cost);
    }
    if (scenarios.contains("bigdag")) {
      guarded("bigdag", this::bigDag);
    }
    if (scenarios.contains("memory")) {
      guarded("memory", this::memory);
    }
    if (scenarios.contains("baseline")) {
      guarded("baseline", this::baseline);
    }
    if (scenarios.contains("dashboard")) {
      guarded("dashboard", this::dashboard);
    }
    machine.put("loadAverageAtEnd", Proc.loadAverage());
    machine.put("totalSeconds", (System.currentTimeMillis() - started) / 1000.0);
    all.put("failures", failures);
    write("all", all);
    System.out.printf("[bench] done in %.0f s; results in %s%n", (System.currentTimeMillis() - started) / 1000.0,
        results);
    if (!failures.isEmpty()) {
      throw new IllegalStateException("benchmark scenarios failed: " + failures);
    }
  }

  private interface Scenario {
    Map<String, Object> run() throws Exception;
  }

  private void guarded(String name, Scenario scenario) {
    System.out.println("[bench] scenario " + name + " (load average " + Proc.loadAverage() + ")");
    try {
      Map<String, Object> result = scenario.run();
      all.put(name, result);
      write(name, result);
    } catch (Exception | AssertionError e) {
      e.printStackTrace();
      failures.add(name + ": " + e);
      all.put(name, Map.of("error", String.valueOf(e)));
    }
  }

  /**
   * A namespace of an earlier invocation still being deleted (the namespace controller deleting thousands of Jobs
   * and runs) would add its requests to every figure: wait for it, within the namespace-deletion bound. Nothing is
   * deleted here; a leftover namespace that is not terminating is only reported.
   */
  private void awaitLeftoverNamespaces() {
    long deadline = System.currentTimeMillis() + deleteWait.toMillis();
    while (true) {
      List<io.fabric8.kubernetes.api.model.Namespace> left = cluster.client.namespaces()
          .withLabel("flowline.io/bench", "true").list().getItems();
      List<String> terminating = left.stream().filter(n -> n.getStatus() != null
          && "Terminating".equals(n.getStatus().getPhase())).map(n -> n.getMetadata().getName()).toList();
      if (left.size() > terminating.size()) {
        System.out.println("[bench] WARNING: benchmark namespaces from earlier invocations exist: "
            + left.stream().map(n -> n.getMetadata().getName()).toList());
      }
      if (terminating.isEmpty()) {
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        System.out.println("[bench] WARNING: still terminating " + terminating
            + "; their deletion traffic shows in the figures (see backgroundTraffic)");
        return;
      }
      System.out.println("[bench] waiting for namespaces of an earlier benchmark to be deleted: " + terminating);
      BenchCluster.sleep(5000);
    }
  }

  /** What the API server serves with nothing of ours running (controller-manager etc.), over a few seconds. */
  private Map<String, Long> idleTraffic() {
    Map<String, Long> before = ApiCalls.scrape(cluster.client);
    Map<String, Long> harnessBefore = cluster.counter.snapshot();
    BenchCluster.sleep(settleMillis);
    Map<String, Long> diff = ApiCalls.minus(ApiCalls.scrape(cluster.client), before);
    Map<String, Long> mine = ApiCalls.minus(cluster.counter.snapshot(), harnessBefore);
    Map<String, Long> rest = ApiCalls.minus(diff, mine);
    Map<String, Long> out = new TreeMap<>(rest);
    out.put("_seconds", settleMillis / 1000);
    System.out.println("[bench] background traffic over " + settleMillis + " ms (not ours): " + rest);
    return out;
  }

  // ---------------------------------------------------------------- scenario 1: throughput

  private Map<String, Object> throughput() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n : throughputSizes) {
      rows.add(oneNodeRuns(n));
    }
    List<List<Object>> table = rows.stream().map(r -> List.<Object>of(r.get("runs"), r.get("succeeded"),
        r.get("seconds"), r.get("runsPerMinute"), r.get("runSecondsP50"), r.get("runSecondsP99"),
        r.get("operatorCpuSeconds"), r.get("operatorWritesPerRun"), r.get("operatorReadsPerRun"), r.get("loadAverage")))
        .toList();
    print("Scenario 1: throughput, N one-node runs created at once", List.of("runs", "succeeded", "seconds",
        "runs/min", "run p50 s", "run p99 s", "op CPU s", "writes/run", "reads/run", "load avg"), table);
    return Map.of("sizes", rows);
  }

  private Map<String, Object> oneNodeRuns(int n) throws Exception {
    String ns = cluster.createNamespace("tp" + n);
    OperatorProcess operator = cluster.startOperator(ns, "throughput-" + n, operatorJvmArgs);
    try (FakeNode fake = fakeNode(ns, job -> "").start();
        BenchCluster.RunTracker runs = cluster.new RunTracker(ns)) {
      cluster.create(ns, pipeline("one", List.of(node("only", List.of(), false))));
      Window window = new Window(operator.pid());
      long t0 = System.currentTimeMillis();
      long[] created = cluster.createAll(n, createThreads, i -> () -> cluster.create(ns, run(runName(i), "one")));
      awaitRuns(runs, n, fake, operator, "throughput " + n);
      long last = runs.ended.values().stream().mapToLong(BenchCluster.RunTracker.End::at).max().orElse(t0);
      List<Long> durations = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        BenchCluster.RunTracker.End end = runs.ended.get(runName(i));
        durations.add(end.at() - created[i]);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("runs", n);
      row.put("succeeded", runs.count("Succeeded"));
      double seconds = (last - t0) / 1000.0;
      row.put("seconds", round(seconds, 1));
      double perMin = n * 60.0 / seconds;
      row.put("runsPerMinute", Math.round(perMin));
      row.put("runSecondsP50", round(percentile(durations, 0.50) / 1000.0, 2));
      row.put("runSecondsP99", round(percentile(durations, 0.99) / 1000.0, 2));
      window.close(settleMillis);
      row.put("operatorCpuSeconds", round(window.cpuSeconds, 1));
      row.put("operatorRssMib", Math.round(Proc.statusMib(operator.pid(), "VmRSS")));
      row.put("operatorWritesPerRun", round(window.operatorWrites() / (double) n, 2));
      row.put("operatorReadsPerRun", round(window.operatorReads() / (double) n, 2));
      row.put("loadAverage", Proc.loadAverage());
      row.put("api", window.json());
      throughputPerMin.put(n, perMin);
      costSources.put("one-node runs (N=" + n + ")", window.operator());
      costNodes.put("one-node runs (N=" + n + ")", n);
      cronJobSyncs.put("one-node runs (N=" + n + ")", window.cluster().getOrDefault("batch/cronjobs LIST", 0L));
      if (operatorJob == null) {
        operatorJob = cluster.client.batch().v1().jobs().inNamespace(ns).list().getItems().stream().findFirst()
            .orElse(null);
      }
      return row;
    } finally {
      operator.stop();
      cluster.deleteNamespace(ns, deleteWait);
    }
  }

  // ---------------------------------------------------------------- scenario 2: latency

  private Map<String, Object> latency() throws Exception {
    String ns = cluster.createNamespace("lat");
    OperatorProcess operator = cluster.startOperator(ns, "latency", operatorJvmArgs);
    Map<String, Long> seen = new ConcurrentHashMap<>();
    Map<String, Long> completed = new ConcurrentHashMap<>();
    FakeNode.Listener listener = new FakeNode.Listener() {
      @Override
      public void seen(Job job, long at) {
        seen.putIfAbsent(runNode(job), at);
      }

      @Override
      public void completed(Job job, long at) {
        completed.putIfAbsent(runNode(job), at);
      }
    };
    try (FakeNode fake = fakeNode(ns, job -> "").withListener(listener).start();
        BenchCluster.RunTracker runs = cluster.new RunTracker(ns)) {
      List<Map<String, Object>> nodes = new ArrayList<>();
      for (int k = 1; k <= chainLength; k++) {
        nodes.add(node(chainNode(k), k == 1 ? List.of() : List.of(chainNode(k - 1)), false));
      }
      cluster.create(ns, pipeline("chain", nodes));
      Window window = new Window(operator.pid());
      long t0 = System.currentTimeMillis();
      long[] created = cluster.createAll(chains, createThreads, i -> () -> cluster.create(ns, run(runName(i), "chain")));
      awaitRuns(runs, chains, fake, operator, "latency");
      long last = runs.ended.values().stream().mapToLong(BenchCluster.RunTracker.End::at).max().orElse(t0);
      List<Long> handoffs = new ArrayList<>();
      List<List<Long>> handoffSamples = new ArrayList<>();
      List<Long> firstJob = new ArrayList<>();
      for (int i = 0; i < chains; i++) {
        String run = runName(i);
        Long first = seen.get(run + "/" + chainNode(1));
        if (first != null) {
          firstJob.add(first - created[i]);
        }
        for (int k = 1; k < chainLength; k++) {
          Long done = completed.get(run + "/" + chainNode(k));
          Long next = seen.get(run + "/" + chainNode(k + 1));
          if (done != null && next != null) {
            handoffs.add(next - done);
            handoffSamples.add(List.of(done - t0, next - done, (long) k));
          }
        }
      }
      window.close(settleMillis);
      // Once every chain has handed off once, all of them are active and the queue that creating every run at
      // once builds in the API server has drained: handoffs from then on are the steady state.
      long steadyFrom = seen.entrySet().stream().filter(e -> e.getKey().endsWith("/" + chainNode(2)))
          .mapToLong(Map.Entry::getValue).max().orElse(t0) - t0;
      List<Long> steady = handoffSamples.stream().filter(sample -> sample.get(0) > steadyFrom)
          .map(sample -> sample.get(1)).toList();
      int nodeCount = chains * chainLength;
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("chains", chains);
      r.put("length", chainLength);
      r.put("succeeded", runs.count("Succeeded"));
      r.put("handoffs", handoffs.size());
      r.put("handoffMsP50", percentile(handoffs, 0.50));
      r.put("handoffMsP99", percentile(handoffs, 0.99));
      r.put("handoffMsMax", percentile(handoffs, 1.0));
      r.put("steadyFromMs", steadyFrom);
      r.put("steadyHandoffs", steady.size());
      r.put("steadyHandoffMsP50", percentile(steady, 0.50));
      r.put("steadyHandoffMsP99", percentile(steady, 0.99));
      r.put("steadyHandoffMsMax", percentile(steady, 1.0));
      r.put("handoffSamples", handoffSamples);
      r.put("firstJobMsP50", percentile(firstJob, 0.50));
      r.put("firstJobMsP99", percentile(firstJob, 0.99));
      r.put("seconds", round((last - t0) / 1000.0, 1));
      r.put("operatorCpuSeconds", round(window.cpuSeconds, 1));
      r.put("operatorWritesPerNode", round(window.operatorWrites() / (double) nodeCount, 2));
      r.put("operatorReadsPerNode", round(window.operatorReads() / (double) nodeCount, 2));
      r.put("loadAverage", Proc.loadAverage());
      r.put("api", window.json());
      costSources.put("chain nodes (" + chains + "x" + chainLength + ")", window.operator());
      costNodes.put("chain nodes (" + chains + "x" + chainLength + ")", nodeCount);
      cronJobSyncs.put("chain nodes (" + chains + "x" + chainLength + ")",
          window.cluster().getOrDefault("batch/cronjobs LIST", 0L));
      print("Scenario 2: latency, " + chains + " concurrent " + chainLength + "-node chains (handoff = node k's Job "
              + "marked Complete -> node k+1's Job seen)",
          List.of("chains", "handoffs", "p50 ms", "p99 ms", "max ms", "1st Job p50 ms", "steady from s",
              "after: handoffs", "p50 ms", "p99 ms", "max ms", "seconds", "op CPU s", "load avg"),
          List.of(List.of(chains, handoffs.size(), r.get("handoffMsP50"), r.get("handoffMsP99"), r.get("handoffMsMax"),
              r.get("firstJobMsP50"), round(steadyFrom / 1000.0, 1), steady.size(), r.get("steadyHandoffMsP50"),
              r.get("steadyHandoffMsP99"), r.get("steadyHandoffMsMax"), r.get("seconds"),
              r.get("operatorCpuSeconds"), r.get("loadAverage"))));
      return r;
    } finally {
      operator.stop();
      cluster.deleteNamespace(ns, deleteWait);
    }
  }

  // ---------------------------------------------------------------- scenario 3: API cost

  private Map<String, Object> cost() {
    if (costSources.isEmpty()) {
      throw new IllegalStateException("no measured traffic: scenario 3 uses the traffic of scenarios 1 and 2");
    }
    Set<String> keys = new TreeSet<>();
    costSources.values().forEach(m -> m.forEach((k, v) -> {
      if (!k.endsWith(" WATCH") && v != 0) {
        keys.add(k);
      }
    }));
    List<String> header = new ArrayList<>(List.of("resource verb"));
    header.addAll(costSources.keySet());
    List<List<Object>> rows = new ArrayList<>();
    Map<String, Object> perNode = new LinkedHashMap<>();
    costSources.forEach((source, counts) -> {
      Map<String, Object> m = new TreeMap<>();
      counts.forEach((k, v) -> m.put(k, round(v / (double) costNodes.get(source), 3)));
      perNode.put(source, m);
    });
    for (String key : keys) {
      List<Object> row = new ArrayList<>(List.of(key));
      costSources.forEach((source, counts) ->
          row.add(round(counts.getOrDefault(key, 0L) / (double) costNodes.get(source), 2)));
      rows.add(row);
    }
    for (String kind : List.of("writes", "reads (GET+LIST)")) {
      List<Object> row = new ArrayList<>(List.of("= " + kind));
      costSources.forEach((source, counts) -> row.add(round(counts.entrySet().stream()
          .filter(e -> kind.equals("writes") ? ApiCalls.isWrite(e.getKey()) : ApiCalls.isRead(e.getKey()))
          .mapToLong(Map.Entry::getValue).sum() / (double) costNodes.get(source), 2)));
      rows.add(row);
    }
    List<Object> nodesRow = new ArrayList<>(List.of("(nodes measured)"));
    costSources.keySet().forEach(source -> nodesRow.add(costNodes.get(source)));
    rows.add(nodesRow);
    List<Object> cronRow = new ArrayList<>(List.of("(CronJob controller syncs, not per node)"));
    costSources.keySet().forEach(source -> cronRow.add(cronJobSyncs.getOrDefault(source, 0L)));
    rows.add(cronRow);
    print("Scenario 3: operator API requests per node (apiserver_request_total diff minus the harness's own "
        + "requests; WATCH left out)", header, rows);
    return Map.of("perNode", perNode, "nodes", costNodes, "cronJobControllerSyncs", cronJobSyncs, "table", rows.stream().map(Object::toString).toList());
  }

  // ---------------------------------------------------------------- scenario 4: big DAG

  private Map<String, Object> bigDag() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n : dagSizes) {
      rows.add(bigRun(n));
    }
    List<List<Object>> table = rows.stream().map(r -> List.<Object>of(r.get("nodes"), r.get("phase"),
        r.get("seconds"), r.get("largestRunBytes"), r.get("pipelineBytes"), r.get("runWrites"),
        r.get("operatorCpuSeconds"), r.get("operatorPeakRssMib"), r.get("loadAverage"))).toList();
    print("Scenario 4: big DAG, one run root -> fan-out -> join", List.of("nodes", "phase", "seconds",
        "largest run B", "pipeline B", "run writes", "op CPU s", "peak RSS MiB", "load avg"), table);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("sizes", rows);
    if (rows.size() >= 2) {
      double first = ((Number) rows.get(0).get("operatorCpuSeconds")).doubleValue();
      double lastCpu = ((Number) rows.get(rows.size() - 1).get("operatorCpuSeconds")).doubleValue();
      out.put("cpuRatioLargestToSmallest", round(lastCpu / first, 1));
      System.out.printf("CPU ratio %s/%s nodes: %.1f×%n", rows.get(rows.size() - 1).get("nodes"),
          rows.get(0).get("nodes"), lastCpu / first);
    }
    return out;
  }

  private Map<String, Object> bigRun(int n) throws Exception {
    String ns = cluster.createNamespace("dag" + n);
    OperatorProcess operator = cluster.startOperator(ns, "bigdag-" + n, operatorJvmArgs);
    AtomicBoolean sampling = new AtomicBoolean(true);
    double[] peakRss = {0};
    Thread sampler = new Thread(() -> {
      while (sampling.get()) {
        peakRss[0] = Math.max(peakRss[0], Proc.statusMib(operator.pid(), "VmRSS"));
        try {
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "rss-sampler");
    sampler.setDaemon(true);
    try (FakeNode fake = fakeNode(ns, job -> "rows=" + Math.floorMod(
            String.valueOf(job.getMetadata().getLabels().get(NODE_LABEL)).hashCode(), 100_000)).start();
        RunSizeWatch sizes = new RunSizeWatch(cluster.client, ns, "dag", OBJECT_LIMIT);
        BenchCluster.RunTracker runs = cluster.new RunTracker(ns)) {
      int width = String.valueOf(n - 2).length();
      List<String> parallel = new ArrayList<>();
      List<Map<String, Object>> nodes = new ArrayList<>();
      nodes.add(node("root", List.of(), true));
      for (int i = 1; i <= n - 2; i++) {
        String name = String.format("p-%0" + width + "d", i);
        parallel.add(name);
        nodes.add(node(name, List.of("root"), true));
      }
      nodes.add(node("join", parallel, true));
      GenericKubernetesResource pipeline = cluster.create(ns, pipeline("dag", nodes));
      int pipelineBytes = Serialization.asJson(pipeline).getBytes(StandardCharsets.UTF_8).length;
      sizes.start();
      sampler.start();
      Window window = new Window(operator.pid());
      long t0 = System.currentTimeMillis();
      cluster.create(ns, run("dag", "dag"));
      awaitRuns(runs, 1, fake, operator, "big DAG " + n);
      long end = runs.ended.get("dag").at();
      window.close(settleMillis);
      sampling.set(false);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("nodes", n);
      r.put("phase", runs.ended.get("dag").phase());
      r.put("seconds", round((end - t0) / 1000.0, 1));
      RunSizeWatch.Sample largest = sizes.largest();
      r.put("largestRunBytes", largest == null ? 0 : largest.bytes());
      r.put("runWrites", sizes.writes());
      r.put("runOversizedWrites", sizes.oversized().size());
      r.put("pipelineBytes", pipelineBytes);
      r.put("operatorCpuSeconds", round(window.cpuSeconds, 1));
      r.put("operatorPeakRssMib", Math.round(Math.max(peakRss[0], Proc.statusMib(operator.pid(), "VmRSS"))));
      r.put("operatorVmHwmMib", Math.round(Proc.statusMib(operator.pid(), "VmHWM")));
      r.put("fakeNodeJobsCompleted", fake.jobsCompleted());
      r.put("message", message(runs, ns, "dag"));
      r.put("operatorWritesPerNode", round(window.operatorWrites() / (double) n, 2));
      r.put("operatorReadsPerNode", round(window.operatorReads() / (double) n, 2));
      r.put("loadAverage", Proc.loadAverage());
      r.put("api", window.json());
      return r;
    } finally {
      sampling.set(false);
      operator.stop();
      cluster.deleteNamespace(ns, deleteWait);
    }
  }

  private String message(BenchCluster.RunTracker runs, String ns, String name) {
    GenericKubernetesResource run = cluster.client.genericKubernetesResources(BenchCluster.API_VERSION, "PipelineRun")
        .inNamespace(ns).withName(name).get();
    Object status = run == null ? null : run.getAdditionalProperties().get("status");
    Object message = status instanceof Map<?, ?> m ? m.get("message") : null;
    return message == null ? "" : String.valueOf(message);
  }

  // ---------------------------------------------------------------- scenario 5: memory

  private Map<String, Object> memory() throws Exception {
    String ns = cluster.createNamespace("mem");
    List<String> jvm = new ArrayList<>(operatorJvmArgs);
    jvm.addAll(Arrays.asList(memoryJvm.trim().split("\\s+")));
    OperatorProcess operator = cluster.startOperator(ns, "memory", jvm);
    try (FakeNode fake = fakeNode(ns, job -> "").start();
        BenchCluster.RunTracker runs = cluster.new RunTracker(ns)) {
      cluster.create(ns, pipeline("one", List.of(node("only", List.of(), false))));
      double rssIdle = Proc.statusMib(operator.pid(), "VmRSS");
      Window window = new Window(operator.pid());
      long t0 = System.currentTimeMillis();
      for (int from = 0; from < memoryRuns; from += memoryBurst) {
        int start = from;
        int size = Math.min(memoryBurst, memoryRuns - from);
        cluster.createAll(size, createThreads, i -> () -> cluster.create(ns, run(runName(start + i), "one")));
        awaitRuns(runs, start + size, fake, operator, "memory burst at " + start);
        System.out.printf("[bench] memory: %d runs ended, operator RSS %.0f MiB%n", start + size,
            Proc.statusMib(operator.pid(), "VmRSS"));
      }
      long last = runs.ended.values().stream().mapToLong(BenchCluster.RunTracker.End::at).max().orElse(t0);
      window.close(settleMillis);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("runsKept", memoryRuns);
      r.put("burst", memoryBurst);
      r.put("jvmOptions", memoryJvm);
      r.put("succeeded", runs.count("Succeeded"));
      r.put("seconds", round((last - t0) / 1000.0, 1));
      r.put("runsPerMinute", Math.round(memoryRuns * 60_000.0 / (last - t0)));
      r.put("rssIdleMib", Math.round(rssIdle));
      r.put("rssKeptMib", Math.round(Proc.statusMib(operator.pid(), "VmRSS")));
      r.put("rssPeakMib", Math.round(Proc.statusMib(operator.pid(), "VmHWM")));
      r.put("heapUsedMib", Math.round(Proc.heapUsedMib(operator.pid())));
      Proc.jcmd(operator.pid(), "GC.run");
      r.put("heapUsedAfterFullGcMib", Math.round(Proc.heapUsedMib(operator.pid())));
      r.put("rssAfterFullGcMib", Math.round(Proc.statusMib(operator.pid(), "VmRSS")));
      r.put("operatorCpuSeconds", round(window.cpuSeconds, 1));
      r.put("operatorAlive", operator.isAlive());
      r.put("loadAverage", Proc.loadAverage());
      print("Scenario 5: memory, operator with " + memoryJvm + " after " + memoryRuns + " finished one-node runs "
              + "kept (created in bursts of " + memoryBurst + ")",
          List.of("runs", "succeeded", "seconds", "runs/min", "RSS idle", "RSS kept", "RSS peak", "heap used",
              "heap after GC", "load avg"),
          List.of(List.of(memoryRuns, r.get("succeeded"), r.get("seconds"), r.get("runsPerMinute"), r.get("rssIdleMib"),
              r.get("rssKeptMib"), r.get("rssPeakMib"), r.get("heapUsedMib"), r.get("heapUsedAfterFullGcMib"),
              r.get("loadAverage"))));
      return r;
    } finally {
      operator.stop();
      cluster.deleteNamespace(ns, deleteWait);
    }
  }

  /** javaOptions of the Helm chart's values.yaml. */
  private static String chartJavaOptions() {
    Path values = RepoLayout.locate().root().resolve("helm/flowline-operator/values.yaml");
    try {
      Map<String, Object> parsed = new org.yaml.snakeyaml.Yaml().load(Files.readString(values));
      return String.valueOf(parsed.get("javaOptions"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + values, e);
    }
  }

  // ---------------------------------------------------------------- scenario 6: baseline

  private Map<String, Object> baseline() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int n : baselineSizes) {
      rows.add(baselineJobs(n));
    }
    List<List<Object>> table = rows.stream().map(r -> List.<Object>of(r.get("jobs"), r.get("seconds"),
        r.get("jobsPerMinute"), r.getOrDefault("operatorRunsPerMinute", "-"), r.getOrDefault("operatorShare", "-"),
        r.get("loadAverage"))).toList();
    print("Scenario 6: baseline, the same Jobs created at once and completed by the node stand-in, no operator",
        List.of("jobs", "seconds", "Jobs/min", "operator runs/min", "operator / baseline", "load avg"), table);
    return Map.of("sizes", rows, "jobTemplateFromOperator", operatorJob != null);
  }

  private Map<String, Object> baselineJobs(int n) throws Exception {
    String ns = cluster.createNamespace("base" + n);
    Map<String, Long> finished = new ConcurrentHashMap<>();
    FakeNode.Listener listener = new FakeNode.Listener() {
      @Override
      public void seenFinished(Job job, long at) {
        finished.putIfAbsent(job.getMetadata().getName(), at);
      }
    };
    try (FakeNode fake = fakeNode(ns, job -> "").withListener(listener).start()) {
      Window window = new Window(-1);
      long t0 = System.currentTimeMillis();
      cluster.createAll(n, createThreads, i -> () -> cluster.client.batch().v1().jobs().inNamespace(ns)
          .resource(baselineJob(runName(i))).create());
      long deadline = t0 + timeout.toMillis();
      while (finished.size() < n) {
        if (fake.failure() != null) {
          throw new IllegalStateException("node stand-in failed: " + fake.failure());
        }
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("baseline " + n + ": only " + finished.size() + " Jobs complete after "
              + timeout.toSeconds() + " s");
        }
        BenchCluster.sleep(100);
      }
      long last = finished.values().stream().mapToLong(Long::longValue).max().orElse(t0);
      window.close(settleMillis);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("jobs", n);
      double seconds = (last - t0) / 1000.0;
      r.put("seconds", round(seconds, 1));
      double perMin = n * 60.0 / seconds;
      r.put("jobsPerMinute", Math.round(perMin));
      Double operator = throughputPerMin.get(n);
      if (operator != null) {
        r.put("operatorRunsPerMinute", Math.round(operator));
        r.put("operatorShare", round(operator / perMin, 3));
      }
      r.put("loadAverage", Proc.loadAverage());
      r.put("api", window.json());
      return r;
    } finally {
      cluster.deleteNamespace(ns, deleteWait);
    }
  }

  /** A Job like the operator's (its spec and labels, copied from one it created), owned by nothing. */
  private Job baselineJob(String name) {
    if (operatorJob == null) {
      return new JobBuilder().withNewMetadata().withName(name).addToLabels(RUN_LABEL, name)
          .addToLabels(NODE_LABEL, "only").endMetadata()
          .withNewSpec().withBackoffLimit(0).withNewTemplate().withNewMetadata().addToLabels(RUN_LABEL, name)
          .endMetadata().withNewSpec().withRestartPolicy("Never").addNewContainer().withName("main")
          .withImage("busybox:1.36").withCommand("sh", "-c", "true").endContainer().endSpec().endTemplate().endSpec()
          .build();
    }
    JobSpec spec = Serialization.clone(operatorJob.getSpec());
    spec.setSelector(null);
    spec.setManualSelector(null);
    Map<String, String> templateLabels = new HashMap<>(spec.getTemplate().getMetadata().getLabels() == null
        ? Map.of() : spec.getTemplate().getMetadata().getLabels());
    templateLabels.remove("controller-uid");
    templateLabels.remove("job-name");
    templateLabels.replaceAll((k, v) -> k.equals(RUN_LABEL) ? name : v);
    spec.getTemplate().getMetadata().setLabels(templateLabels);
    Map<String, String> labels = new HashMap<>(operatorJob.getMetadata().getLabels());
    labels.put(RUN_LABEL, name);
    return new JobBuilder().withNewMetadata().withName(name).withLabels(labels)
        .withAnnotations(operatorJob.getMetadata().getAnnotations()).endMetadata().withSpec(spec).build();
  }

  // ---------------------------------------------------------------- shared pieces

  private FakeNode fakeNode(String ns, Function<Job, String> message) {
    FakeNode fake = new FakeNode(cluster.client, ns, message, fakeWorkers).withDelay(fakeDelay);
    return fakePod ? fake : fake.withoutPod();
  }

  private void awaitRuns(BenchCluster.RunTracker runs, int n, FakeNode fake, OperatorProcess operator, String what) {
    long deadline = System.currentTimeMillis() + timeout.toMillis();
    long lastReport = System.currentTimeMillis();
    while (runs.ended.size() < n) {
      if (fake.failure() != null) {
        throw new IllegalStateException(what + ": node stand-in failed: " + fake.failure());
      }
      if (!operator.isAlive()) {
        operator.printLogTail(40);
        throw new IllegalStateException(what + ": the operator exited; log " + operator.log());
      }
      if (System.currentTimeMillis() > deadline) {
        throw new IllegalStateException(what + ": " + runs.ended.size() + " of " + n + " runs ended within "
            + timeout.toSeconds() + " s (node stand-in: " + fake.jobsSeen() + " Jobs seen, " + fake.jobsCompleted()
            + " completed)");
      }
      if (System.currentTimeMillis() - lastReport > 30_000) {
        lastReport = System.currentTimeMillis();
        System.out.printf("[bench] %s: %d of %d runs ended; %d Jobs completed; load %s%n", what, runs.ended.size(), n,
            fake.jobsCompleted(), Proc.loadAverage());
      }
      BenchCluster.sleep(50);
    }
  }

  /**
   * One measured interval: operator CPU seconds and the API server's request counter, split into the harness's
   * own requests (counted on its clients) and the rest, which is the operator's (plus the cluster's background
   * traffic, reported apart at start).
   */
  private final class Window {
    private final long pid;
    private final double cpuStart;
    private final Map<String, Long> apiStart;
    private final Map<String, Long> harnessStart;
    double cpuSeconds;
    Map<String, Long> total;
    Map<String, Long> harness;

    Window(long pid) {
      this.pid = pid;
      this.cpuStart = pid > 0 ? Proc.cpuSeconds(pid) : 0;
      this.apiStart = ApiCalls.scrape(cluster.client);
      this.harnessStart = cluster.counter.snapshot();
    }

    /** Waits for late writes (status after the last run ended) to land, then closes the interval. */
    void close(long settle) {
      BenchCluster.sleep(settle);
      cpuSeconds = pid > 0 ? Proc.cpuSeconds(pid) - cpuStart : 0;
      Map<String, Long> harnessEnd = cluster.counter.snapshot();
      total = ApiCalls.minus(ApiCalls.scrape(cluster.client), apiStart);
      harness = ApiCalls.minus(harnessEnd, harnessStart);
    }

    /** Not the harness's, on a resource of the operator's ClusterRole; WATCH left out (counted when it ends). */
    Map<String, Long> operator() {
      Map<String, Long> rest = ApiCalls.minus(total, harness);
      rest.keySet().removeIf(k -> k.endsWith(" WATCH") || !ApiCalls.operatorResource(k));
      return rest;
    }

    /** Not the harness's, on resources the operator has no RBAC for: the API server's and controller-manager's. */
    Map<String, Long> cluster() {
      Map<String, Long> rest = ApiCalls.minus(total, harness);
      rest.keySet().removeIf(k -> ApiCalls.operatorResource(k));
      return rest;
    }

    long operatorWrites() {
      return operator().entrySet().stream().filter(e -> ApiCalls.isWrite(e.getKey())).mapToLong(Map.Entry::getValue)
          .sum();
    }

    long operatorReads() {
      return operator().entrySet().stream().filter(e -> ApiCalls.isRead(e.getKey())).mapToLong(Map.Entry::getValue)
          .sum();
    }

    Map<String, Object> json() {
      return Map.of("apiserverTotal", total, "harness", harness, "operator", operator(), "cluster", cluster());
    }
  }

  private static String runNode(Job job) {
    Map<String, String> labels = job.getMetadata().getLabels();
    return labels.get(RUN_LABEL) + "/" + labels.get(NODE_LABEL);
  }

  private static String runName(int i) {
    return String.format("r-%05d", i);
  }

  private static String chainNode(int k) {
    return String.format("n%02d", k);
  }

  private static Map<String, Object> node(String name, List<String> dependsOn, boolean output) {
    Map<String, Object> node = new LinkedHashMap<>();
    node.put("name", name);
    node.put("image", "busybox:1.36");
    if (!output) {
      node.put("command", List.of("sh", "-c", "true"));
    }
    if (!dependsOn.isEmpty()) {
      node.put("dependsOn", dependsOn);
    }
    if (output) {
      node.put("outputs", List.of("rows"));
    }
    return node;
  }

  private static GenericKubernetesResource pipeline(String name, List<Map<String, Object>> nodes) {
    return new GenericKubernetesResourceBuilder().withApiVersion(BenchCluster.API_VERSION).withKind("Pipeline")
        .withNewMetadata().withName(name).endMetadata()
        .addToAdditionalProperties("spec", Map.of("nodes", nodes)).build();
  }

  private static GenericKubernetesResource run(String name, String pipeline) {
    return new GenericKubernetesResourceBuilder().withApiVersion(BenchCluster.API_VERSION).withKind("PipelineRun")
        .withNewMetadata().withName(name).endMetadata()
        .addToAdditionalProperties("spec", Map.of("pipelineRef", Map.of("name", pipeline))).build();
  }

  /** Nearest-rank percentile; q = 1 is the maximum. -1 without values. */
  static long percentile(List<Long> values, double q) {
    if (values.isEmpty()) {
      return -1;
    }
    List<Long> sorted = values.stream().sorted().toList();
    int rank = (int) Math.ceil(q * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  private static double round(double value, int digits) {
    double scale = Math.pow(10, digits);
    return Math.round(value * scale) / scale;
  }

  private static void print(String title, List<String> header, List<List<Object>> rows) {
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    rows.forEach(r -> cells.add(r.stream().map(String::valueOf).toList()));
    int[] widths = new int[header.size()];
    for (List<String> row : cells) {
      for (int i = 0; i < row.size() && i < widths.length; i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder("\n").append(title).append('\n');
    for (int r = 0; r < cells.size(); r++) {
      List<String> row = cells.get(r);
      out.append("| ");
      for (int i = 0; i < widths.length; i++) {
        String cell = i < row.size() ? row.get(i) : "";
        out.append(i == 0 ? String.format("%-" + widths[i] + "s", cell) : String.format("%" + widths[i] + "s", cell))
            .append(" | ");
      }
      out.setLength(out.length() - 1);
      out.append('\n');
      if (r == 0) {
        out.append('|').append(Arrays.stream(widths).mapToObj(w -> "-".repeat(w + 2)).collect(Collectors.joining("|")))
            .append("|\n");
      }
    }
    System.out.println(out);
  }

  /**
   * Scenario 7 (issue 13): the dashboard's pages over a cache of {@code dashboardRuns} runs and one run of
   * {@code dashboardNodes} nodes, in this process (the pages read only the cache, so no cluster is involved).
   */
  @SuppressWarnings("unchecked")
  private Map<String, Object> dashboard() throws Exception {
    Map<String, Object> result = io.flowline.dashboard.DashboardBench.measure(dashboardRuns, dashboardNodes,
        dashboardSamples);
    List<List<Object>> rows = new ArrayList<>();
    for (Map<String, Object> page : (List<Map<String, Object>>) result.get("pages")) {
      rows.add(List.of(page.get("page"), page.get("p50Ms"), page.get("p95Ms"), page.get("maxMs"), page.get("bytes")));
    }
    print("7. Dashboard: " + dashboardRuns + " runs in the cache, one run of " + dashboardNodes + " nodes",
        List.of("page", "p50 ms", "p95 ms", "max ms", "bytes"), rows);
    return result;
  }

  private void write(String name, Object value) throws Exception {
    Path file = results.resolve(name + ".json");
    Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
  }
}
