package io.flowline.bench;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.flowline.e2e.OperatorOptions;
import io.flowline.e2e.OperatorProcess;
import io.flowline.e2e.RepoLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/** The control-plane-only cluster the harness measures on: one counted client, the CRDs, namespaces, operators. */
final class BenchCluster implements AutoCloseable {
  static final String API_VERSION = "flowline.io/v1alpha1";

  final RepoLayout layout = RepoLayout.locate();
  final ApiCalls.Counter counter = new ApiCalls.Counter();
  final KubernetesClient client;

  BenchCluster() {
    Config config = new ConfigBuilder(Config.autoConfigure(null)).withRequestTimeout(120_000)
        .withMaxConcurrentRequests(256).withMaxConcurrentRequestsPerHost(256).build();
    client = new KubernetesClientBuilder().withConfig(config)
        .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("bench-count", counter)).build();
  }

  /** Refuses a cluster with nodes: their kubelet and Job controller would race the node stand-in. */
  void checkNodeless() {
    int nodes = client.nodes().list().getItems().size();
    if (nodes != 0) {
      throw new IllegalStateException("the cluster at " + client.getMasterUrl() + " has " + nodes + " node(s); the "
          + "benchmark needs a control plane without nodes: LOCAL_K8S_NODES=0 ../shared/k8s/up.sh");
    }
  }

  void installCrds() throws IOException {
    try (Stream<Path> files = Files.list(layout.crdsDir())) {
      for (Path file : files.filter(f -> f.toString().matches(".*\\.ya?ml")).sorted().toList()) {
        try (InputStream in = Files.newInputStream(file)) {
          for (HasMetadata item : client.load(in).items()) {
            client.resource(item).forceConflicts().serverSideApply();
          }
        }
      }
    }
    for (String crd : List.of("pipelines.flowline.io", "pipelineruns.flowline.io", "nodetemplates.flowline.io")) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (!established(crd)) {
        if (System.currentTimeMillis() > deadline) {
          throw new IllegalStateException("CRD " + crd + " not established within 60 s");
        }
        sleep(200);
      }
    }
  }

  private boolean established(String name) {
    CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(name).get();
    return crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
        && crd.getStatus().getConditions().stream()
        .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  String createNamespace(String prefix) {
    String name = "bench-" + prefix + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
    client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name)
        .addToLabels("flowline.io/bench", "true").endMetadata().build()).create();
    for (int i = 0; i < 100 && client.serviceAccounts().inNamespace(name).withName("default").get() == null; i++) {
      sleep(100);
    }
    return name;
  }

  /** Deletes the namespace and waits (up to the bound) until it is gone, so its cleanup does not load what follows. */
  void deleteNamespace(String name, Duration wait) {
    client.namespaces().withName(name).delete();
    long deadline = System.currentTimeMillis() + wait.toMillis();
    while (client.namespaces().withName(name).get() != null && System.currentTimeMillis() < deadline) {
      sleep(1000);
    }
  }

  /** Starts the operator jar watching the namespace and waits until its /readyz answers 200. */
  OperatorProcess startOperator(String namespace, String name, List<String> jvmArgs) {
    int port = freePort();
    OperatorOptions options = OperatorOptions.defaults().withHealthPort(port)
        .withJvmArgs(jvmArgs.toArray(String[]::new));
    OperatorProcess operator = OperatorProcess.start(layout, namespace, "bench-" + name, options);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.currentTimeMillis() + 180_000;
    while (true) {
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return operator;
        }
      } catch (IOException e) {
        // not listening yet
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      if (!operator.isAlive() || System.currentTimeMillis() > deadline) {
        operator.printLogTail(40);
        operator.stop();
        throw new IllegalStateException("the operator did not become ready within 180 s; log " + operator.log());
      }
      sleep(200);
    }
  }

  GenericKubernetesResource create(String namespace, GenericKubernetesResource resource) {
    try {
      return client.genericKubernetesResources(API_VERSION, resource.getKind()).inNamespace(namespace)
          .resource(resource).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {   // an earlier try of this very create went through
        return client.genericKubernetesResources(API_VERSION, resource.getKind()).inNamespace(namespace)
            .withName(resource.getMetadata().getName()).get();
      }
      throw e;
    }
  }

  /**
   * Creates count objects with the given number of threads, all at once; returns the moment (epoch ms) each
   * create call returned, by index.
   */
  long[] createAll(int count, int threads, IntFunction<Runnable> creator) {
    long[] returned = new long[count];
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new java.util.ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        int index = i;
        futures.add(pool.submit(() -> {
          creator.apply(index).run();
          returned[index] = System.currentTimeMillis();
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("creating " + count + " objects failed: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    return returned;
  }

  /** PipelineRuns of a namespace, with the moment (epoch ms) each was first seen finished, and its phase. */
  final class RunTracker implements AutoCloseable {
    record End(long at, String phase) {
    }

    final Map<String, End> ended = new ConcurrentHashMap<>();
    private final SharedIndexInformer<GenericKubernetesResource> informer;

    RunTracker(String namespace) {
      informer = client.genericKubernetesResources(API_VERSION, "PipelineRun").inNamespace(namespace)
          .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource run) {
              look(run);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource run) {
              look(run);
            }

            @Override
            public void onDelete(GenericKubernetesResource run, boolean unknown) {
            }
          }, 0);
    }

    private void look(GenericKubernetesResource run) {
      String phase = io.flowline.e2e.bigrun.RunSizeWatch.phase(run);
      if (phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Cancelled")) {
        ended.putIfAbsent(run.getMetadata().getName(), new End(System.currentTimeMillis(), phase));
      }
    }

    long count(String phase) {
      return ended.values().stream().filter(e -> e.phase().equals(phase)).count();
    }

    @Override
    public void close() {
      informer.close();
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

}
