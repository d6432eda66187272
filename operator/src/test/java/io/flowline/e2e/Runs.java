package io.flowline.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.flowline.api.NodeStatus;
import io.flowline.api.PipelineRun;
import java.util.List;
import java.util.Optional;

/** Reads what the operator made of a run through the API, as a user would: its status, Jobs and Pods. */
final class Runs {
  static final String RUN_LABEL = "flowline.io/run";
  static final String NODE_LABEL = "flowline.io/node";

  private final E2eEnvironment env;

  Runs(E2eEnvironment env) {
    this.env = env;
  }

  /** A PipelineRun with its own pipelineSpec, as YAML; {@code nodes} is the YAML list of its nodes. */
  static String inlineRun(String name, String nodes) {
    return """
        apiVersion: flowline.io/v1alpha1
        kind: PipelineRun
        metadata: {name: %s}
        spec:
          pipelineSpec:
            nodes:
        %s""".formatted(name, nodes.indent(4));
  }

  /** Creates the run {@code yaml} describes in the test namespace. */
  PipelineRun create(String yaml) {
    return env.client().resource(env.client().getKubernetesSerialization().unmarshal(yaml, PipelineRun.class))
        .inNamespace(env.namespace()).create();
  }

  PipelineRun get(String name) {
    return env.client().resources(PipelineRun.class).inNamespace(env.namespace()).withName(name).get();
  }

  /** Waits for Succeeded, Failed or Cancelled and returns the run as it ended. */
  PipelineRun awaitFinished(String name) {
    return awaitFinished(name, E2eEnvironment.RUN_DEADLINE);
  }

  PipelineRun awaitFinished(String name, java.time.Duration deadline) {
    return env.await("run " + name + " to finish").atMost(deadline)
        .until(() -> get(name), run -> run != null && run.getStatus() != null
            && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinished());
  }

  List<Job> jobs(String run) {
    return env.client().batch().v1().jobs().inNamespace(env.namespace()).withLabel(RUN_LABEL, run).list().getItems();
  }

  List<String> jobNames(String run) {
    return jobs(run).stream().map(job -> job.getMetadata().getName()).toList();
  }

  List<Pod> pods(String run) {
    return env.client().pods().inNamespace(env.namespace()).withLabel(RUN_LABEL, run).list().getItems();
  }

  static Optional<NodeStatus> findNode(PipelineRun run, String node) {
    return run.getStatus().getNodes().stream().filter(n -> node.equals(n.getName())).findFirst();
  }

  /** The node's status entry; fails the test, showing the whole status, when the node is not listed. */
  NodeStatus node(PipelineRun run, String node) {
    Optional<NodeStatus> status = findNode(run, node);
    assertThat(status).as("node %s in the status of %s:%n%s", node, run.getMetadata().getName(), describe(run))
        .isPresent();
    return status.get();
  }

  /** The resource as YAML, for assertion messages: a failed expectation should show what the operator wrote. */
  String describe(HasMetadata resource) {
    return env.client().getKubernetesSerialization().asYaml(resource);
  }

  /** The operator leaves a finished run alone: it stops changing and the operator lives on. */
  void assertSettled(String name) {
    env.assertSettled(() -> get(name), "run " + name);
  }
}
