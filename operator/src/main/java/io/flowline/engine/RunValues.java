package io.flowline.engine;

/**
 * The run's identity as its nodes' substitutions and {@code when} read it ({@code $(run.*)}, {@code $(pipeline.name)});
 * the params are the snapshot's.
 *
 * @param pipelineName the Pipeline's name, or the run's own name for an inline spec
 */
public record RunValues(String runName, String namespace, String uid, String correlationId, String pipelineName) {
  /** For a run known by name only (tests, and planning before the stepper supplies the rest). */
  public static RunValues named(String runName) {
    return new RunValues(runName, "", "", "", runName);
  }
}
