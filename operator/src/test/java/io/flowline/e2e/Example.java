package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import java.nio.file.Path;

/**
 * The shipped examples/ and the phase each run must end in. The tests apply the very files users copy, and read
 * names from them, so an example and its test cannot drift apart.
 */
enum Example {
  HELLO("hello", RunPhase.Succeeded),
  ETL("etl", RunPhase.Succeeded),
  RETRY("retry", RunPhase.Succeeded),
  FAILING("failing", RunPhase.Failed);

  private final String directory;
  private final RunPhase expectedPhase;

  Example(String directory, RunPhase expectedPhase) {
    this.directory = directory;
    this.expectedPhase = expectedPhase;
  }

  RunPhase expectedPhase() {
    return expectedPhase;
  }

  Path pipelineFile(E2eEnvironment env) {
    return env.examplesDir().resolve(directory).resolve("pipeline.yaml");
  }

  Path runFile(E2eEnvironment env) {
    return env.examplesDir().resolve(directory).resolve("run.yaml");
  }

  /** Applies pipeline.yaml, then run.yaml, into the test namespace; returns the run's name. */
  String apply(E2eEnvironment env) {
    env.apply(pipelineFile(env), runFile(env));
    return runName(env);
  }

  String runName(E2eEnvironment env) {
    return load(env.client(), runFile(env), PipelineRun.class).getMetadata().getName();
  }

  String pipelineName(E2eEnvironment env) {
    return load(env.client(), pipelineFile(env), Pipeline.class).getMetadata().getName();
  }

  int nodeCount(E2eEnvironment env) {
    return load(env.client(), pipelineFile(env), Pipeline.class).getSpec().getNodes().size();
  }

  private static <T extends HasMetadata> T load(KubernetesClient client, Path file, Class<T> type) {
    return client.resources(type).load(file.toFile()).item();
  }
}
