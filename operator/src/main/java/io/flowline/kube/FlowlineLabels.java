package io.flowline.kube;

/** Label and annotation keys Flowline puts on the Jobs and pods it creates (never on users' objects). */
public final class FlowlineLabels {
  public static final String PIPELINE = "flowline.io/pipeline";
  public static final String RUN = "flowline.io/run";
  public static final String NODE = "flowline.io/node";
  public static final String ATTEMPT = "flowline.io/attempt";
  /** The full run name: label values are shortened past 63 characters, annotations are not. */
  public static final String RUN_NAME_ANNOTATION = "flowline.io/run-name";
  /** Set by the Job controller on the pods of a Job. */
  public static final String JOB_NAME = "job-name";

  private FlowlineLabels() {
  }
}
