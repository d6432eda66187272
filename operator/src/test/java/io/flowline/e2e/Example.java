package io.flowline.e2e;

import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RunPhase;
import io.flowline.api.WorkspaceSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shipped examples/ and the phase each of their runs must end in. The tests apply the very files users copy,
 * and read names from them, so an example and its test cannot drift apart. run.yaml holds one run, or several
 * (YAML documents) when the example is about how runs of one pipeline interact; pipeline.yaml holds one Pipeline,
 * or several with the NodeTemplates they share.
 */
enum Example {
  HELLO("hello", RunPhase.Succeeded),
  ETL("etl", RunPhase.Succeeded),
  RETRY("retry", RunPhase.Succeeded),
  FAILING("failing", RunPhase.Failed),
  QUEUE("queue", RunPhase.Succeeded),
  FOREACH("foreach", RunPhase.Succeeded),
  WORKSPACE("workspace", RunPhase.Succeeded),
  WHEN("when", RunPhase.Succeeded),
  FINALLY("finally", RunPhase.Failed),
  TEMPLATES("templates", RunPhase.Succeeded);

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

  /** Applies pipeline.yaml, then run.yaml, into the test namespace; returns the names of its runs in file order. */
  List<String> applyAll(E2eEnvironment env) {
    provideWorkspaces(env);
    env.apply(pipelineFile(env), runFile(env));
    return runNames(env);
  }

  /** {@link #applyAll} for an example with a single run; returns its name. */
  String apply(E2eEnvironment env) {
    List<String> runs = applyAll(env);
    if (runs.size() != 1) {
      throw new IllegalStateException("example " + directory + " has " + runs.size() + " runs: use applyAll");
    }
    return runs.get(0);
  }

  /** A pipeline with a workspace needs a volume per run where the cluster cannot provision one (LocalVolumes). */
  private void provideWorkspaces(E2eEnvironment env) {
    for (Pipeline pipeline : pipelines(env)) {
      WorkspaceSpec workspace = pipeline.getSpec().getWorkspace();
      if (workspace != null) {
        runNames(env).forEach(run -> LocalVolumes.provideWorkspace(env, run, workspace.getSize()));
      }
    }
  }

  List<String> runNames(E2eEnvironment env) {
    try (InputStream documents = Files.newInputStream(runFile(env))) {
      return env.client().load(documents).items().stream().map(run -> run.getMetadata().getName()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The name of the example's one Pipeline. */
  String pipelineName(E2eEnvironment env) {
    List<Pipeline> pipelines = pipelines(env);
    if (pipelines.size() != 1) {
      throw new IllegalStateException("example " + directory + " has " + pipelines.size() + " pipelines");
    }
    return pipelines.get(0).getMetadata().getName();
  }

  /**
   * What progress counts for {@code run}: each node of the Pipeline it refers to once, finally nodes too, a forEach
   * node over literal items once per item.
   */
  int nodeCount(E2eEnvironment env, PipelineRun run) {
    String name = run.getSpec().getPipelineRef().getName();
    PipelineSpec spec = pipelines(env).stream().filter(pipeline -> pipeline.getMetadata().getName().equals(name))
        .findFirst().orElseThrow(() -> new IllegalStateException("example " + directory + " has no pipeline " + name))
        .getSpec();
    return Stream.concat(spec.getNodes().stream(), spec.getFinallyNodes().stream())
        .mapToInt(node -> node.getForEach() != null && node.getForEach().getItems() != null
            ? node.getForEach().getItems().size() : 1)
        .sum();
  }

  private List<Pipeline> pipelines(E2eEnvironment env) {
    try (InputStream documents = Files.newInputStream(pipelineFile(env))) {
      return env.client().load(documents).items().stream().filter(item -> "Pipeline".equals(item.getKind()))
          .map(item -> env.client().getKubernetesSerialization().convertValue(item, Pipeline.class)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
