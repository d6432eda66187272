package io.flowline.engine;

import java.time.Instant;

/**
 * One run that Auto activation created, as {@link AutoActivation} needs it.
 *
 * @param cycle its number, from its name ({@link RunNames#autoCycleOf})
 * @param completionTime when it ended; null while it has not (Pending, Queued, Running, Paused, Stopping). For a
 *     run that ended without a completionTime the caller passes the best end it knows (the last condition's
 *     transition, else its creation), so a run that fails at once still waits sleepTimeout before the next.
 */
public record AutoRun(long cycle, Instant completionTime) {
  public static AutoRun active(long cycle) {
    return new AutoRun(cycle, null);
  }

  public static AutoRun finished(long cycle, Instant completionTime) {
    if (completionTime == null) {
      throw new IllegalArgumentException("a finished run needs the time it ended");
    }
    return new AutoRun(cycle, completionTime);
  }

  public boolean isActive() {
    return completionTime == null;
  }
}
