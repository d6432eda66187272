package io.flowline.cli;

import io.flowline.api.PipelineRun;
import io.flowline.api.RunPhase;
import io.flowline.cli.render.TimeText;
import java.time.Duration;
import java.time.Instant;

/** Waits for a run to end and turns its end into an exit code and a line of text. */
public final class RunWaiter {
  /** How often the run is read while waiting. */
  static final Duration POLL = Duration.ofSeconds(1);

  private RunWaiter() {
  }

  /**
   * Reads the run until it is Succeeded, Failed or Cancelled.
   *
   * @param limit null for no limit
   * @throws CliException with exit code 6 when the limit runs out first
   */
  public static PipelineRun awaitEnd(Session session, String name, Duration limit) {
    long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
    while (true) {
      PipelineRun run = session.run(name);
      if (finished(run)) {
        return run;
      }
      if (System.nanoTime() > deadline) {
        throw new CliException(ExitCodes.TIMEOUT, "pipelinerun " + name + " is still "
            + (run.getStatus() == null || run.getStatus().getPhase() == null ? "Pending" : run.getStatus().getPhase())
            + " after " + TimeText.duration(limit) + "; it goes on (kubectl flowline get " + name + ")");
      }
      pause(POLL);
    }
  }

  public static boolean finished(PipelineRun run) {
    return run.getStatus() != null && run.getStatus().getPhase() != null && run.getStatus().getPhase().isFinished();
  }

  /** 0 Succeeded, 1 Failed, 3 Cancelled (see {@link ExitCodes}). */
  public static int exitCode(PipelineRun run) {
    RunPhase phase = run.getStatus() == null ? null : run.getStatus().getPhase();
    if (phase == RunPhase.Succeeded) {
      return ExitCodes.OK;
    }
    return phase == RunPhase.Cancelled ? ExitCodes.RUN_CANCELLED : ExitCodes.RUN_FAILED;
  }

  /** {@code pipelinerun/etl-x7k2p Failed after 42s (2/4 nodes): node load failed: exit code 3}. */
  public static String summary(PipelineRun run, Instant now) {
    var status = run.getStatus();
    StringBuilder text = new StringBuilder("pipelinerun/").append(run.getMetadata().getName()).append(' ')
        .append(status == null || status.getPhase() == null ? "Pending" : status.getPhase());
    if (status != null) {
      String took = TimeText.between(status.getStartTime(), status.getCompletionTime(), now);
      if (!took.isEmpty()) {
        text.append(" after ").append(took);
      }
      if (status.getProgress() != null) {
        text.append(" (").append(status.getProgress()).append(" nodes)");
      }
      if (status.getMessage() != null && !status.getMessage().isBlank()
          && status.getPhase() != RunPhase.Succeeded) {
        text.append(": ").append(status.getMessage());
      }
    }
    return text.toString();
  }

  static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCodes.TIMEOUT, "interrupted");
    }
  }
}
