package io.flowline.dashboard;

import io.flowline.api.NodeStatus;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineSpec;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard shows, read from the operator's caches. Only {@link #events} asks the API server (one LIST of
 * one run's Events, when its page is opened): the operator keeps no Event cache, which would cost memory for
 * every Event of the cluster.
 */
public interface DashboardData {
  /** False while the operator starts: its caches are not filled yet, and an empty page would be a wrong answer. */
  boolean ready();

  /** The Pipelines of every watched namespace. */
  List<Pipeline> pipelines();

  Optional<Pipeline> pipeline(String namespace, String name);

  /** The runs of one namespace, in no particular order. */
  List<PipelineRun> runs(String namespace);

  Optional<PipelineRun> run(String namespace, String name);

  /** The pipeline a run runs: its snapshot once started, else its Pipeline's or inline spec; empty if unknown. */
  Optional<PipelineSpec> specOf(PipelineRun run);

  /** The run's whole node table, including the part a large run keeps in ConfigMaps. */
  List<NodeStatus> nodes(PipelineRun run);

  /** The run's Events, newest first; throws when the API server cannot be asked. */
  List<EventLine> events(PipelineRun run);
}
