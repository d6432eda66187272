package io.flowline.cli;

import io.flowline.api.NodeSpec;
import io.flowline.engine.PipelineNodes;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.flowline.api.NodeStatus;
import io.flowline.api.NodeTemplate;
import io.flowline.api.NodeTemplateSpec;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.engine.ForEachChildren;
import io.flowline.engine.NodeTables;
import io.flowline.engine.ResolvedPipeline;
import io.flowline.kube.NodeTableStore;
import io.flowline.kube.SnapshotStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** One command's connection to the cluster: the client, the namespace, where to print, and reads every verb needs. */
public final class Session implements AutoCloseable {
  private final KubernetesClient client;
  private final String namespace;
  private final PrintWriter out;
  private final PrintWriter err;
  private final Clock clock;

  public Session(KubernetesClient client, String namespace, PrintWriter out, PrintWriter err, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.out = out;
    this.err = err;
    this.clock = clock;
  }

  public KubernetesClient client() {
    return client;
  }

  public String namespace() {
    return namespace;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  public Clock clock() {
    return clock;
  }

  public MixedOperation<PipelineRun, KubernetesResourceList<PipelineRun>, Resource<PipelineRun>> runs() {
    return client.resources(PipelineRun.class);
  }

  public MixedOperation<Pipeline, KubernetesResourceList<Pipeline>, Resource<Pipeline>> pipelines() {
    return client.resources(Pipeline.class);
  }

  /** The run, or exit code 4 with a message naming the namespace. */
  public PipelineRun run(String name) {
    PipelineRun run = runs().inNamespace(namespace).withName(name).get();
    if (run == null) {
      throw CliException.notFound("pipelinerun " + name + " not found in namespace " + namespace
          + " (kubectl flowline list shows the runs)");
    }
    return run;
  }

  /** The pipeline, or exit code 4 with a message listing the pipelines that do exist. */
  public Pipeline pipeline(String name) {
    Pipeline pipeline = pipelines().inNamespace(namespace).withName(name).get();
    if (pipeline == null) {
      List<String> names = pipelines().inNamespace(namespace).list().getItems().stream()
          .map(p -> p.getMetadata().getName()).sorted().toList();
      throw CliException.notFound("pipeline " + name + " not found in namespace " + namespace
          + (names.isEmpty() ? " (it has no pipelines)" : "; pipelines there: " + String.join(", ", names)));
    }
    return pipeline;
  }

  /** The NodeTemplates of the session's namespace, read when a pipeline's node names one. */
  public ResolvedPipeline.Templates templates() {
    return name -> Optional.ofNullable(client.resources(NodeTemplate.class).inNamespace(namespace).withName(name).get())
        .map(template -> template.getSpec() == null ? new NodeTemplateSpec() : template.getSpec());
  }

  /**
   * Every node entry of the run: the inline ones and those a large run keeps in the ConfigMaps of status.nodesRef
   * (read with the operator's own {@link NodeTableStore}).
   */
  public List<NodeStatus> nodeTable(PipelineRun run) {
    List<NodeStatus> nodes = new ArrayList<>();
    if (run.getStatus() == null) {
      return nodes;
    }
    List<String> refs = run.getStatus().getNodesRef();
    if (refs != null && !refs.isEmpty()) {
      List<NodeStatus> offloaded = new NodeTableStore(client).load(run, refs);
      if (offloaded == null) {
        err.println("warning: a node table ConfigMap of " + run.getMetadata().getName() + " is missing ("
            + String.join(", ", refs) + "); showing the inline nodes only");
      } else {
        nodes.addAll(offloaded);
      }
    }
    return NodeTables.merge(nodes, run.getStatus().getNodes());
  }

  /**
   * The DAG the run executes: its snapshot once started (inline or in the ConfigMap of status.pipelineSpecRef),
   * before that its inline spec or the Pipeline it names as it is now; null when none can be read.
   */
  public PipelineSpec dag(PipelineRun run) {
    if (run.getStatus() != null
        && (run.getStatus().getPipelineSpec() != null || run.getStatus().getPipelineSpecRef() != null)) {
      PipelineSpec snapshot = new SnapshotStore(client).load(run, run.getStatus());
      if (snapshot != null) {
        return snapshot;
      }
    }
    if (run.getSpec() == null) {
      return null;
    }
    if (run.getSpec().getPipelineSpec() != null) {
      return run.getSpec().getPipelineSpec();
    }
    if (run.getSpec().getPipelineRef() != null && run.getSpec().getPipelineRef().getName() != null) {
      Pipeline pipeline = pipelines().inNamespace(namespace).withName(run.getSpec().getPipelineRef().getName()).get();
      return pipeline == null ? null : pipeline.getSpec();
    }
    return null;
  }

  /** Whether the DAG has that node: one of its nodes, or a child {@code <node>-<i>} of one with forEach. */
  public static boolean hasNode(PipelineSpec spec, String name) {
    List<NodeSpec> nodes = PipelineNodes.all(spec);
    return nodes.stream().anyMatch(n -> name.equals(n.getName()))
        || ForEachChildren.parse(name).filter(child -> nodes.stream()
            .anyMatch(n -> child.parent().equals(n.getName()) && n.getForEach() != null)).isPresent();
  }

  /** The node names of a DAG, for messages: {@code a, b, c}. */
  public static String nodeNames(PipelineSpec spec) {
    return spec == null ? ""
        : PipelineNodes.all(spec).stream().map(n -> n.getName()).collect(Collectors.joining(", "));
  }

  @Override
  public void close() {
    client.close();
  }
}
