package io.flowline.engine;

import io.flowline.api.PipelineState;
import io.flowline.api.RunPhase;
import java.util.Collection;

/** The Pipeline state from its validity and its runs, by the contract's precedence. */
public final class PipelineStateResolver {
  /** What the pipeline needs to know of one of its runs. */
  public record RunView(RunPhase phase, boolean nodeStarted) {
  }

  private PipelineStateResolver() {
  }

  public static PipelineState resolve(boolean valid, Collection<RunView> runs) {
    return resolve(valid, runs, false);
  }

  /** @param sleeping Auto activation waits for sleepTimeout before its next run */
  public static PipelineState resolve(boolean valid, Collection<RunView> runs, boolean sleeping) {
    if (!valid) {
      return PipelineState.Invalid;
    }
    boolean running = false;
    boolean starting = false;
    for (RunView run : runs) {
      RunPhase phase = run.phase();
      if (phase == RunPhase.Stopping) {
        return PipelineState.Stopping;
      }
      if (phase == null || phase == RunPhase.Pending || phase == RunPhase.Queued) {
        starting = true;
      } else if (phase == RunPhase.Running || phase == RunPhase.Paused) {
        if (run.nodeStarted()) {
          running = true;
        } else {
          starting = true;
        }
      }
    }
    if (running) {
      return PipelineState.Running;
    }
    if (starting) {
      return PipelineState.Starting;
    }
    return sleeping ? PipelineState.Sleeping : PipelineState.Idle;
  }
}
