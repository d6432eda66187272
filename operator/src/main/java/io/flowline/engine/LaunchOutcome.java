package io.flowline.engine;

/**
 * What the API server answered to creating one planned Job: an observation the planner folds in before the step's
 * status is written, so a rejected or clashing create never shows as a started node.
 */
public record LaunchOutcome(Kind kind, String reason, String message) {
  public enum Kind {
    /** The Job exists now: created, or found from an earlier step of this run (adopted). */
    CREATED,
    /** A permanent answer (400, 403, 404, 422) or a Job of that name owned by someone else: the attempt fails. */
    FAILED,
    /** A Job of that name still belongs to a deleted run and is going away: try again later, nothing failed. */
    DEFERRED
  }

  public static LaunchOutcome created() {
    return new LaunchOutcome(Kind.CREATED, null, null);
  }

  public static LaunchOutcome rejected(String message) {
    return new LaunchOutcome(Kind.FAILED, "JobRejected", message);
  }

  public static LaunchOutcome clash(String message) {
    return new LaunchOutcome(Kind.FAILED, "JobNameClash", message);
  }

  public static LaunchOutcome deferred(String message) {
    return new LaunchOutcome(Kind.DEFERRED, null, message);
  }
}
