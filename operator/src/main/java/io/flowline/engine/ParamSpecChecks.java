package io.flowline.engine;

import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a list of param declarations, at pipeline or at node level. */
final class ParamSpecChecks {
  private static final Pattern NAME = Pattern.compile(ParamSpec.NAME_PATTERN);

  private ParamSpecChecks() {
  }

  /**
   * Reports every problem of the declarations under {@code listPath} (e.g. {@code spec.params}).
   *
   * @param pipelineParamNames for node-level params: the pipeline's param names, which a node param must not
   *     repeat; empty for the pipeline's own params
   */
  static void check(List<ParamSpec> params, String listPath, Set<String> pipelineParamNames, Problems problems) {
    if (params == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int j = 0; j < params.size(); j++) {
      ParamSpec param = params.get(j);
      String path = listPath + "[" + j + "]";
      if (param == null) {
        problems.add(path, "is empty (a param needs at least a name)");
        continue;
      }
      checkName(param.getName(), path + ".name", seen, pipelineParamNames, problems);
      checkEnum(param, path + ".enum", problems);
      checkDefault(param, path + ".default", problems);
    }
  }

  private static void checkName(String name, String path, Set<String> seen, Set<String> pipelineParamNames,
      Problems problems) {
    if (name == null || name.isEmpty()) {
      problems.add(path, "is required");
    } else if (!NAME.matcher(name).matches()) {
      problems.add(path, Quote.of(name) + " is not a valid param name (letters, digits, '_' and '-', "
          + "not starting with a digit or '-')");
    } else if (!seen.add(name)) {
      problems.add(path, "duplicate param " + Quote.of(name));
    } else if (pipelineParamNames.contains(name)) {
      problems.add(path, Quote.of(name) + " is already a pipeline param (a node param must not repeat a "
          + "pipeline param name)");
    }
  }

  private static void checkEnum(ParamSpec param, String path, Problems problems) {
    List<String> allowed = param.getAllowedValues();
    if (allowed == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (int k = 0; k < allowed.size(); k++) {
      String value = allowed.get(k);
      if (value == null) {
        problems.add(path + "[" + k + "]", "is empty");
        continue;
      }
      Optional<String> typeProblem = ParamTypes.problem(param.getType(), value);
      if (typeProblem.isPresent()) {
        problems.add(path + "[" + k + "]", typeProblem.get());
      } else if (!seen.add(value)) {
        problems.add(path + "[" + k + "]", "duplicate value " + Quote.of(value));
      }
    }
  }

  private static void checkDefault(ParamSpec param, String path, Problems problems) {
    String defaultValue = param.getDefaultValue();
    if (defaultValue == null) {
      checkOptionalWithoutDefault(param, path, problems);
      return;
    }
    if (param.isRequired()) {
      problems.add(path, "a required param cannot have a default (remove the default or required: true)");
    }
    ParamValueCheck.problem(param, defaultValue).ifPresent(problem -> problems.add(path, problem));
  }

  /**
   * An optional param that a run leaves out resolves to "", which only a string param without enum (or with "" in
   * it) can hold: any other must say what it means when not given.
   */
  private static void checkOptionalWithoutDefault(ParamSpec param, String path, Problems problems) {
    if (param.isRequired() || param.getName() == null) {
      return;
    }
    String subject = "optional " + (param.effectiveType() == ParamType.STRING ? "" : typeName(param) + " ")
        + "param " + Quote.of(param.getName());
    if (param.effectiveType() != ParamType.STRING) {
      problems.add(path, subject + " needs a default (or required: true)");
    } else if (ParamValueCheck.problem(param, "").isPresent()) {
      problems.add(path, subject + " needs a default, \"\" is not one of its enum values (or required: true)");
    }
  }

  private static String typeName(ParamSpec param) {
    return param.effectiveType().name().toLowerCase(Locale.ROOT);
  }
}
