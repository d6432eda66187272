package io.flowline.cli;

/** Pipelines and runs of the unit tests. */
final class Fixtures {
  private Fixtures() {
  }

  /** a -> b, a -> c, b and c -> d; typed params with an enum, a required date and a node param. */
  static final String DIAMOND = """
      apiVersion: flowline.io/v1alpha1
      kind: Pipeline
      metadata: {name: diamond}
      spec:
        params:
        - {name: date, type: date, required: true, description: Business day}
        - {name: mode, type: string, default: full, enum: [full, delta]}
        - {name: limit, type: integer, default: "100"}
        nodes:
        - {name: a, image: busybox, command: [sh, -c, "echo rows=7 > /dev/termination-log"], outputs: [rows]}
        - {name: b, dependsOn: [a], image: busybox, command: [sh, -c, "echo b"]}
        - {name: c, dependsOn: [a], image: busybox, command: [sh, -c, "echo c"],
           params: [{name: batch, type: integer, default: "5"}]}
        - {name: d, dependsOn: [b, c], image: busybox, command: [sh, -c, "echo d"]}
      """;

  /** A run of DIAMOND: a and b succeeded, c failed after three attempts, d never started. */
  static final String DIAMOND_RUN = """
      apiVersion: flowline.io/v1alpha1
      kind: PipelineRun
      metadata: {name: diamond-abcde}
      spec:
        pipelineRef: {name: diamond}
        params: [{name: date, value: "2025-08-22"}, {name: mode, value: delta}]
        nodeParams: [{node: c, params: [{name: batch, value: "9"}]}]
        correlationId: order-4711
        priority: 2
      status:
        phase: Failed
        progress: 3/4
        startTime: "2025-08-22T09:58:00Z"
        completionTime: "2025-08-22T09:59:30Z"
        message: "node c failed: exit code 3"
        params: [{name: date, value: "2025-08-22"}, {name: mode, value: delta}, {name: limit, value: "100"}]
        nodes:
        - {name: a, phase: Succeeded, attempt: 1, startTime: "2025-08-22T09:58:00Z",
           completionTime: "2025-08-22T09:58:03Z", outputs: {rows: "7"}}
        - {name: b, phase: Succeeded, attempt: 1, startTime: "2025-08-22T09:58:05Z",
           completionTime: "2025-08-22T09:58:07Z"}
        - {name: c, phase: Failed, attempt: 3, startTime: "2025-08-22T09:58:05Z",
           completionTime: "2025-08-22T09:59:30Z", exitCode: 3, reason: Error, message: "exit code 3: boom"}
      """;
}
