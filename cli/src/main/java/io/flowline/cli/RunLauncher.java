package io.flowline.cli;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.flowline.api.PipelineRef;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunSpec;
import java.util.Map;
import java.util.regex.Pattern;

/** Creates a run of a Pipeline (generateName {@code <pipeline>-}) and reports on it as --wait, --logs and -o ask. */
public final class RunLauncher {
  /** Set on runs created with --correlation-id, so {@code kubectl get plr -l flowline.io/correlation-id=X} finds them. */
  public static final String CORRELATION_LABEL = "flowline.io/correlation-id";
  private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

  private RunLauncher() {
  }

  /** A new run of {@code pipeline} with this spec (its pipelineRef is set here), not yet created. */
  public static PipelineRun newRun(String pipeline, PipelineRunSpec spec) {
    spec.setPipelineRef(new PipelineRef(pipeline));
    PipelineRun run = new PipelineRun();
    ObjectMetaBuilder metadata = new ObjectMetaBuilder().withGenerateName(generateNamePrefix(pipeline));
    String correlationId = spec.getCorrelationId();
    if (correlationId != null && !correlationId.isEmpty() && LABEL_VALUE.matcher(correlationId).matches()) {
      metadata.withLabels(Map.of(CORRELATION_LABEL, correlationId));
    }
    run.setMetadata(metadata.build());
    run.setSpec(spec);
    return run;
  }

  /** {@code <pipeline>-}, cut so the generated name (five more characters) stays a valid name. */
  static String generateNamePrefix(String pipeline) {
    String prefix = pipeline.length() > 57 ? pipeline.substring(0, 57) : pipeline;
    return prefix + "-";
  }

  /** Creates the run; then, as asked, follows its logs or waits for its end; returns the exit code. */
  public static int launch(Session session, PipelineRun run, WaitOptions wait, OutputFormat output) {
    PipelineRun created = session.runs().inNamespace(session.namespace()).resource(run).create();
    String name = created.getMetadata().getName();
    if (output.human()) {
      session.out().println("pipelinerun/" + name + " created");
      session.out().flush();
    }
    if (!wait.waits()) {
      if (!output.human()) {
        output.print(session.out(), session.client().getKubernetesSerialization(), created);
      }
      return ExitCodes.OK;
    }
    PipelineRun ended;
    if (wait.logs()) {
      ended = new LogStreamer(session, null).follow(name, wait.limit());
    } else {
      ended = RunWaiter.awaitEnd(session, name, wait.limit());
    }
    if (output.human()) {
      session.out().println(RunWaiter.summary(ended, session.clock().instant()));
    } else {
      output.print(session.out(), session.client().getKubernetesSerialization(), ended);
    }
    return RunWaiter.exitCode(ended);
  }
}
