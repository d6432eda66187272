package io.flowline.engine;

import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineRunSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RerunOf;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks of a run's own fields, so a value the API server or the clock arithmetic would refuse ends the run with
 * its field path instead of failing a call later. The pipeline it runs is the validator's business.
 */
public final class RunSpecChecks {
  private RunSpecChecks() {
  }

  /** Problems of the pipeline reference (the run's reason is then PipelineInvalid); empty when fine. */
  public static List<String> pipelineProblems(PipelineRunSpec spec) {
    Problems problems = new Problems();
    boolean byRef = spec.getPipelineRef() != null;
    if (byRef == (spec.getPipelineSpec() != null)) {
      problems.add("spec", "exactly one of pipelineRef and pipelineSpec must be set");
    } else if (byRef) {
      checkObjectName(spec.getPipelineRef().getName(), "spec.pipelineRef.name", "pipeline", problems);
    }
    return problems.list();
  }

  /** Problems of the run's settings (the run's reason is then InvalidParams); empty when fine. */
  public static List<String> settingProblems(PipelineRunSpec spec) {
    Problems problems = new Problems();
    String serviceAccount = spec.getServiceAccountName();
    if (serviceAccount != null && !serviceAccount.isEmpty()) {
      NameRules.dnsSubdomainProblem(serviceAccount, "service account")
          .ifPresent(problem -> problems.add("spec.serviceAccountName", problem));
    }
    try {
      GoDuration.parse(spec.getTimeout());
    } catch (IllegalArgumentException e) {
      problems.add("spec.timeout", e.getMessage());
    }
    RerunOf rerunOf = spec.getRerunOf();
    if (rerunOf != null) {
      checkObjectName(rerunOf.getName(), "spec.rerunOf.name", "run", problems);
    }
    return problems.list();
  }

  /** spec.skipNodes must name nodes of the pipeline the run executes; by name, as the user wrote them. */
  public static List<String> skipProblems(PipelineRunSpec spec, PipelineSpec snapshot) {
    Problems problems = new Problems();
    Set<String> nodes = PipelineNodes.all(snapshot).stream().map(NodeSpec::getName).collect(Collectors.toSet());
    for (String name : spec.getSkipNodes()) {
      if (!nodes.contains(name)) {
        problems.add("spec.skipNodes", "the pipeline has no node " + name);
      }
    }
    return problems.list();
  }

  private static void checkObjectName(String name, String path, String what, Problems problems) {
    if (name == null || name.isEmpty()) {
      problems.add(path, "is required");
    } else {
      NameRules.dnsSubdomainProblem(name, what).ifPresent(problem -> problems.add(path, problem));
    }
  }
}
