package io.flowline.engine;

import io.flowline.api.RunPhase;
import io.flowline.engine.PipelineStateResolver.RunView;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a Pipeline's reconcile needs of its runs, at one moment, from {@link PipelineRunIndex}.
 *
 * @param active the runs that have not finished, in no order
 * @param newest the newest run by creation, then name; finished or not
 * @param autoRuns what {@link AutoActivation#plan} decides from: the active Auto runs and the newest Auto run
 * @param beyondHistory the finished runs {@code spec.history} no longer keeps, oldest first
 */
public record PipelineRunsView(List<RunRecord> active, Optional<RunRecord> newest, List<AutoRun> autoRuns,
    List<String> beyondHistory) {

  public PipelineRunsView {
    active = List.copyOf(active);
    autoRuns = List.copyOf(autoRuns);
    beyondHistory = List.copyOf(beyondHistory);
  }

  /** A pipeline without runs. */
  public static PipelineRunsView none() {
    return new PipelineRunsView(List.of(), Optional.empty(), List.of(), List.of());
  }

  /** How many runs are in one of {@code phases}, which must be phases of runs that have not finished. */
  public int countIn(RunPhase... phases) {
    List<RunPhase> wanted = Arrays.asList(phases);
    if (wanted.stream().anyMatch(RunPhase::isFinished)) {
      throw new IllegalArgumentException("only active runs are at hand, not runs " + wanted);
    }
    return (int) active.stream().filter(run -> run.phase() != null && wanted.contains(run.phase())).count();
  }

  /** The runs as {@link PipelineStateResolver} reads them; finished ones never change the state. */
  public List<RunView> stateInputs() {
    return active.stream().map(run -> new RunView(run.phase(), run.nodeStarted())).toList();
  }
}
