package io.flowline.engine;

import static io.flowline.engine.Nodes.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.flowline.api.Activation;
import io.flowline.api.NodeDefaults;
import io.flowline.api.NodeSpec;
import io.flowline.api.ParamSpec;
import io.flowline.api.ParamType;
import io.flowline.api.PipelineSpec;
import io.flowline.api.RetrySpec;
import io.flowline.api.ScheduleSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineValidatorTest {
  private final PipelineValidator validator = new PipelineValidator();

  private static PipelineSpec spec(NodeSpec... nodes) {
    PipelineSpec spec = new PipelineSpec();
    spec.setNodes(new ArrayList<>(Arrays.asList(nodes)));
    return spec;
  }

  private static ParamSpec param(String name, ParamType type) {
    return new ParamSpec(name, type);
  }

  private static <T> List<T> listOf(T... items) {
    return new ArrayList<>(Arrays.asList(items));
  }

  /** The contract's example pipeline: valid. */
  private static PipelineSpec example() {
    ParamSpec date = param("date", ParamType.DATE);
    date.setRequired(true);
    ParamSpec mode = param("mode", null);
    mode.setDefaultValue("full");
    mode.setAllowedValues(listOf("full", "delta"));
    ParamSpec limit = param("limit", ParamType.INTEGER);
    limit.setDefaultValue("100");
    ParamSpec batchSize = param("batchSize", ParamType.INTEGER);
    batchSize.setDefaultValue("500");

    NodeSpec extract = node("extract");
    extract.setCommand(listOf("sh", "-c"));
    extract.setArgs(listOf("echo day $(params.date) batch $(params.batchSize) $(HOME) $$(params.nope); "
        + "echo rows=42 > /dev/termination-log"));
    extract.setEnv(listOf(new EnvVar("MODE", "$(params.mode)", null)));
    extract.setParams(listOf(batchSize));
    extract.setOutputs(listOf("rows"));
    NodeSpec load = node("load", "extract");
    load.setArgs(listOf("echo loading $(nodes.extract.outputs.rows) rows for $(run.name) $(run.namespace) "
        + "$(run.uid) $(run.correlationId) $(pipeline.name) $(node.name) $(node.attempt)"));
    load.setRetry(new RetrySpec(3, "30s"));
    load.setTimeout("10m");
    NodeSpec report = node("report", "load");
    report.setWorkingDir("/data/$(nodes.extract.outputs.rows)");

    PipelineSpec spec = spec(extract, load, report);
    spec.setParams(listOf(date, mode, limit));
    spec.setTimeout("2h");
    NodeDefaults defaults = new NodeDefaults();
    RetrySpec retry = new RetrySpec(2, "10s");
    retry.setBackoffFactor(2.0);
    retry.setMaxDelay("5m");
    defaults.setRetry(retry);
    defaults.setTimeout("30m");
    spec.setDefaults(defaults);
    spec.setSchedule(schedule("0 2 * * *", "Europe/Moscow", 300L));
    return spec;
  }

  private static ScheduleSpec schedule(String cron, String timeZone, Long startingDeadlineSeconds) {
    ScheduleSpec schedule = new ScheduleSpec();
    schedule.setCron(cron);
    schedule.setTimeZone(timeZone);
    schedule.setStartingDeadlineSeconds(startingDeadlineSeconds);
    return schedule;
  }

  @Test
  void acceptsTheContractExample() {
    assertThat(validator.validate(example(), "spec")).isEmpty();
  }

  @Test
  void requiresNodes() {
    assertThat(validator.validate(spec(), "spec")).containsExactly("spec.nodes: at least one node is required");
    PipelineSpec nullNodes = new PipelineSpec();
    nullNodes.setNodes(null);
    assertThat(validator.validate(nullNodes, "spec")).containsExactly("spec.nodes: at least one node is required");
  }

  @Test
  void usesTheGivenFieldPrefix() {
    assertThat(validator.validate(spec(), "spec.pipelineSpec"))
        .containsExactly("spec.pipelineSpec.nodes: at least one node is required");
  }

  @Test
  void reportsAMissingSpecInsteadOfThrowing() {
    assertThat(validator.validate(null, "spec.pipelineSpec")).containsExactly("spec.pipelineSpec: is required");
  }

  @Test
  void checksNodeNames() {
    NodeSpec tooLong = node("a".repeat(64));
    assertThat(validator.validate(spec(node(null), node("Extract_1"), tooLong, node("ok-1")), "spec"))
        .containsExactly(
            "spec.nodes[0].name: is required",
            "spec.nodes[1].name: \"Extract_1\" is not a valid node name (a DNS-1123 label: lower case letters, "
                + "digits and '-', starting and ending with a letter or digit, at most 63 characters)",
            "spec.nodes[2].name: \"" + "a".repeat(64) + "\" is not a valid node name (a DNS-1123 label: lower case "
                + "letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
  }

  @Test
  void namesTheDuplicateNodeAndWhereTheNameWasFirstUsed() {
    assertThat(validator.validate(spec(node("a"), node("b"), node("a")), "spec"))
        .containsExactly("spec.nodes[2].name: duplicate node name \"a\" (already used by spec.nodes[0])");
  }

  @Test
  void requiresAnImage() {
    NodeSpec noImage = node("a");
    noImage.setImage(" ");
    assertThat(validator.validate(spec(noImage), "spec")).containsExactly(
        "spec.nodes[0].image: is required: node \"a\" sets no image and no template gives one");
  }

  @Test
  void checksDependsOnEntries() {
    PipelineSpec spec = spec(node("a"), node("b", "a", "ghost", "b", "a", ""));
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.nodes[1].dependsOn[1]: unknown node \"ghost\"",
        "spec.nodes[1].dependsOn[2]: node \"b\" depends on itself",
        "spec.nodes[1].dependsOn[3]: duplicate entry \"a\"",
        "spec.nodes[1].dependsOn[4]: is empty");
  }

  @Test
  void namesTheNodesOfACycle() {
    PipelineSpec spec = spec(node("a", "b"), node("b", "c"), node("c", "a"), node("d", "c"));
    assertThat(validator.validate(spec, "spec"))
        .containsExactly("spec.nodes: dependency cycle a -> b -> c -> a (each node depends on the next)");
  }

  @Test
  void shortensTheDescriptionOfAVeryLongCycle() {
    List<NodeSpec> nodes = Nodes.chain(5000);
    nodes.get(0).setDependsOn(listOf("n4999"));
    assertThat(validator.validate(spec(nodes.toArray(NodeSpec[]::new)), "spec")).containsExactly(
        "spec.nodes: dependency cycle n0 -> n4999 -> n4998 -> n4997 -> n4996 -> n4995 -> n4994 -> n4993 -> n4992 "
            + "-> n4991 -> ... -> n10 -> n9 -> n8 -> n7 -> n6 -> n5 -> n4 -> n3 -> n2 -> n1 -> n0 "
            + "(5000 nodes, each depending on the next)");
  }

  @Test
  void reportsASelfDependencyOnceAndStillFindsOtherCycles() {
    PipelineSpec spec = spec(node("a", "a"), node("b", "c"), node("c", "b"));
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.nodes[0].dependsOn[0]: node \"a\" depends on itself",
        "spec.nodes: dependency cycle b -> c -> b (each node depends on the next)");
  }

  @Test
  void checksPipelineParamDeclarations() {
    ParamSpec noName = param(null, null);
    ParamSpec badName = param("1st", null);
    ParamSpec dup = param("date", ParamType.DATE);
    dup.setRequired(true);
    ParamSpec date = param("date", ParamType.DATE);
    date.setRequired(true);
    ParamSpec badDefault = param("limit", ParamType.INTEGER);
    badDefault.setDefaultValue("lots");
    ParamSpec badEnum = param("level", ParamType.INTEGER);
    badEnum.setAllowedValues(listOf("1", "two", "1"));
    badEnum.setRequired(true);
    ParamSpec notInEnum = param("mode", null);
    notInEnum.setAllowedValues(listOf("full", "delta"));
    notInEnum.setDefaultValue("weird");
    ParamSpec requiredWithDefault = param("day", ParamType.DATE);
    requiredWithDefault.setRequired(true);
    requiredWithDefault.setDefaultValue("2025-02-29");
    PipelineSpec spec = spec(node("a"));
    spec.setParams(listOf(noName, badName, date, dup, badDefault, badEnum, notInEnum, requiredWithDefault, null));

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.params[0].name: is required",
        "spec.params[1].name: \"1st\" is not a valid param name (letters, digits, '_' and '-', not starting with a "
            + "digit or '-')",
        "spec.params[3].name: duplicate param \"date\"",
        "spec.params[4].default: \"lots\" is not an integer",
        "spec.params[5].enum[1]: \"two\" is not an integer",
        "spec.params[5].enum[2]: duplicate value \"1\"",
        "spec.params[6].default: \"weird\" is not one of [full, delta]",
        "spec.params[7].default: a required param cannot have a default (remove the default or required: true)",
        "spec.params[7].default: \"2025-02-29\" is not a date (use YYYY-MM-DD, a real calendar day)",
        "spec.params[8]: is empty (a param needs at least a name)");
  }

  @Test
  void checksNodeParamsLikePipelineParamsAndForbidsRepeatingAPipelineParam() {
    ParamSpec size = param("size", ParamType.NUMBER);
    size.setDefaultValue("big");
    NodeSpec a = node("a");
    a.setParams(listOf(param("date", null), size, param("size", null)));
    PipelineSpec spec = spec(a);
    ParamSpec date = param("date", ParamType.DATE);
    date.setRequired(true);
    spec.setParams(listOf(date));

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.nodes[0].params[0].name: \"date\" is already a pipeline param (a node param must not repeat a "
            + "pipeline param name)",
        "spec.nodes[0].params[1].default: \"big\" is not a number",
        "spec.nodes[0].params[2].name: duplicate param \"size\"");
  }

  @Test
  void checksOutputNames() {
    NodeSpec a = node("a");
    a.setOutputs(listOf("rows", "1st", "rows", "file.name", null));
    assertThat(validator.validate(spec(a), "spec")).containsExactly(
        "spec.nodes[0].outputs[1]: \"1st\" is not a valid output name (letters, digits, '_', '.' and '-', "
            + "starting with a letter or '_')",
        "spec.nodes[0].outputs[2]: duplicate output \"rows\"",
        "spec.nodes[0].outputs[4]: is empty");
  }

  @Test
  void checksEveryDurationField() {
    PipelineSpec spec = spec(node("a"));
    spec.setTimeout("2 hours");
    spec.setSleepTimeout("-1s");
    NodeDefaults defaults = new NodeDefaults();
    defaults.setTimeout("1d");
    RetrySpec defaultRetry = new RetrySpec(1, "10");
    defaultRetry.setMaxDelay("5min");
    defaults.setRetry(defaultRetry);
    spec.setDefaults(defaults);
    NodeSpec node = spec.getNodes().get(0);
    node.setTimeout("10x");
    RetrySpec retry = new RetrySpec(1, "1s2");
    retry.setMaxDelay("forever");
    node.setRetry(retry);

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.sleepTimeout: \"-1s\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.timeout: \"2 hours\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.defaults.retry.delay: \"10\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.defaults.retry.maxDelay: \"5min\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.defaults.timeout: \"1d\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.nodes[0].retry.delay: \"1s2\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.nodes[0].retry.maxDelay: \"forever\" is not a duration (use e.g. 30s, 5m, 1h30m)",
        "spec.nodes[0].timeout: \"10x\" is not a duration (use e.g. 30s, 5m, 1h30m)");
  }

  @Test
  void checksRetryLimitAndBackoffFactor() {
    NodeSpec a = node("a");
    RetrySpec retry = new RetrySpec(-1, "1s");
    retry.setBackoffFactor(0.5);
    a.setRetry(retry);
    NodeSpec b = node("b");
    RetrySpec nan = new RetrySpec(0, null);
    nan.setBackoffFactor(Double.NaN);
    b.setRetry(nan);
    assertThat(validator.validate(spec(a, b), "spec")).containsExactly(
        "spec.nodes[0].retry.limit: must be 0 or more, got -1",
        "spec.nodes[0].retry.backoffFactor: must be at least 1, got 0.5",
        "spec.nodes[1].retry.backoffFactor: must be at least 1, got NaN");
  }

  @Test
  void reportsUnknownParamsInEverySubstitutedField() {
    NodeSpec a = node("a");
    a.setCommand(listOf("$(params.cmd)"));
    a.setArgs(listOf("ok", "$(params.x) and $(params.x) and $(params.y)"));
    a.setEnv(listOf(new EnvVar("A", "plain", null), new EnvVar("B", "$(params.z)", null), null));
    a.setWorkingDir("/$(params.dir)");
    assertThat(validator.validate(spec(a), "spec")).containsExactly(
        "spec.nodes[0].command[0]: $(params.cmd) refers to unknown param \"cmd\"",
        "spec.nodes[0].args[1]: $(params.x) refers to unknown param \"x\"",
        "spec.nodes[0].args[1]: $(params.y) refers to unknown param \"y\"",
        "spec.nodes[0].env[1].value: $(params.z) refers to unknown param \"z\"",
        "spec.nodes[0].workingDir: $(params.dir) refers to unknown param \"dir\"");
  }

  @Test
  void letsANodeUseOnlyItsOwnNodeParams() {
    NodeSpec a = node("a");
    a.setParams(listOf(param("batch", null)));
    a.setArgs(listOf("$(params.batch)"));
    NodeSpec b = node("b");
    b.setArgs(listOf("$(params.batch)"));
    assertThat(validator.validate(spec(a, b), "spec"))
        .containsExactly("spec.nodes[1].args[0]: $(params.batch) refers to unknown param \"batch\"");
  }

  @Test
  void ignoresForeignAndEscapedReferences() {
    NodeSpec a = node("a");
    a.setArgs(listOf("$(HOME) $$(params.nope) $(date +%s) $(nodesfoo)"));
    assertThat(validator.validate(spec(a), "spec")).isEmpty();
  }

  @Test
  void checksOutputReferences() {
    NodeSpec extract = node("extract");
    extract.setOutputs(listOf("rows"));
    NodeSpec side = node("side");
    side.setOutputs(listOf("n"));
    NodeSpec load = node("load", "extract");
    load.setArgs(listOf("$(nodes.extract.outputs.rows)", "$(nodes.ghost.outputs.rows)",
        "$(nodes.extract.outputs.size)", "$(nodes.side.outputs.n)", "$(nodes.extract.rows)", "$(nodes.load.outputs.x)",
        "$(nodes.extract)", "$(nodes.extract.outputs.)"));
    assertThat(validator.validate(spec(extract, side, load), "spec")).containsExactly(
        "spec.nodes[2].args[1]: $(nodes.ghost.outputs.rows) refers to unknown node \"ghost\"",
        "spec.nodes[2].args[2]: $(nodes.extract.outputs.size): node \"extract\" does not declare output \"size\"",
        "spec.nodes[2].args[3]: $(nodes.side.outputs.n): node \"side\" is not an ancestor of \"load\" (add it to "
            + "dependsOn, directly or through a node in between)",
        "spec.nodes[2].args[4]: $(nodes.extract.rows) is not a valid reference (use $(nodes.NODE.outputs.NAME))",
        "spec.nodes[2].args[5]: $(nodes.load.outputs.x): a node cannot read its own outputs",
        "spec.nodes[2].args[6]: $(nodes.extract) is not a valid reference (use $(nodes.NODE.outputs.NAME))",
        "spec.nodes[2].args[7]: $(nodes.extract.outputs.) is not a valid reference (use $(nodes.NODE.outputs.NAME))");
  }

  @Test
  void acceptsOutputsOfIndirectAncestorsAndOutputNamesWithDots() {
    NodeSpec a = node("a");
    a.setOutputs(listOf("file.name"));
    NodeSpec c = node("c", "b");
    c.setArgs(listOf("$(nodes.a.outputs.file.name)"));
    assertThat(validator.validate(spec(a, node("b", "a"), c), "spec")).isEmpty();
  }

  @Test
  void reportsADescendantAsNotAnAncestor() {
    NodeSpec a = node("a");
    a.setArgs(listOf("$(nodes.b.outputs.x)"));
    NodeSpec b = node("b", "a");
    b.setOutputs(listOf("x"));
    assertThat(validator.validate(spec(a, b), "spec")).containsExactly(
        "spec.nodes[0].args[0]: $(nodes.b.outputs.x): node \"b\" is not an ancestor of \"a\" (add it to dependsOn, "
            + "directly or through a node in between)");
  }

  @Test
  void checksRunPipelineAndNodeFields() {
    NodeSpec a = node("a");
    a.setArgs(listOf("$(run.id) $(pipeline.namespace) $(node.retry) $(run.name) $(pipeline.name) $(node.name)"));
    assertThat(validator.validate(spec(a), "spec")).containsExactly(
        "spec.nodes[0].args[0]: $(run.id) refers to unknown run field \"id\" (use run.name, run.namespace, run.uid "
            + "or run.correlationId)",
        "spec.nodes[0].args[0]: $(pipeline.namespace) refers to unknown pipeline field \"namespace\" (use "
            + "pipeline.name)",
        "spec.nodes[0].args[0]: $(node.retry) refers to unknown node field \"retry\" (use node.name or "
            + "node.attempt)");
  }

  @Test
  void reportsProblemsInSpecOrder() {
    ParamSpec bad = param("n", ParamType.INTEGER);
    bad.setDefaultValue("x");
    NodeSpec a = node("a", "ghost");
    a.setImage(null);
    a.setArgs(listOf("$(params.nope)"));
    NodeSpec b = node("B");
    PipelineSpec spec = spec(a, b);
    spec.setParams(listOf(bad));
    spec.setTimeout("soon");
    assertThat(validator.validate(spec, "spec")).extracting(problem -> problem.substring(0, problem.indexOf(':')))
        .containsExactly("spec.timeout", "spec.params[0].default", "spec.nodes[0].dependsOn[0]",
            "spec.nodes[0].image", "spec.nodes[0].args[0]", "spec.nodes[1].name");
  }

  @Test
  void neverThrowsOnNullsAnywhere() {
    NodeSpec a = new NodeSpec();
    a.setDependsOn(listOf((String) null));
    a.setCommand(listOf((String) null));
    a.setArgs(null);
    a.setEnv(listOf(new EnvVar(null, null, null)));
    a.setOutputs(listOf((String) null));
    ParamSpec p = new ParamSpec();
    p.setAllowedValues(listOf((String) null));
    a.setParams(listOf(p, null));
    a.setRetry(new RetrySpec());
    PipelineSpec spec = spec(a, null);
    spec.setParams(listOf((ParamSpec) null));
    spec.setDefaults(new NodeDefaults());

    assertThat(validator.validate(spec, null)).containsExactly(
        "spec.params[0]: is empty (a param needs at least a name)",
        "spec.nodes[0].name: is required",
        "spec.nodes[0].dependsOn[0]: is empty",
        "spec.nodes[0].image: is required",
        "spec.nodes[0].env[0].name: is required",
        "spec.nodes[0].params[0].name: is required",
        "spec.nodes[0].params[0].enum[0]: is empty",
        "spec.nodes[0].params[1]: is empty (a param needs at least a name)",
        "spec.nodes[0].outputs[0]: is empty",
        "spec.nodes[1]: is empty (a node needs at least a name and an image)");
  }

  @Test
  void escapesControlCharactersSoEachProblemStaysOnOneLine() {
    assertThat(validator.validate(spec(node("a\nb")), "spec")).singleElement()
        .satisfies(problem -> assertThat(problem).doesNotContain("\n").contains("\"a\\nb\""));
  }

  @Test
  void validatesA5000NodeChainReferencingThePreviousOutput() {
    List<NodeSpec> nodes = Nodes.chain(5000);
    for (int i = 0; i < nodes.size(); i++) {
      nodes.get(i).setOutputs(listOf("out"));
      if (i > 0) {
        nodes.get(i).setArgs(listOf("$(nodes.n" + (i - 1) + ".outputs.out) $(nodes.n0.outputs.out)"));
      }
    }
    assertThat(validator.validate(spec(nodes.toArray(NodeSpec[]::new)), "spec")).isEmpty();
    // Break one link in the middle: everything below it loses its ancestry to n0.
    nodes.get(2500).setDependsOn(listOf());
    List<String> problems = validator.validate(spec(nodes.toArray(NodeSpec[]::new)), "spec");
    // n2500 loses n2499 and n0; every node below it loses n0 only.
    assertThat(problems).hasSize(2501).first().asString()
        .startsWith("spec.nodes[2500].args[0]: $(nodes.n2499.outputs.out): node \"n2499\" is not an ancestor");
    assertThat(problems).last().asString()
        .startsWith("spec.nodes[4999].args[0]: $(nodes.n0.outputs.out): node \"n0\" is not an ancestor");
  }

  @Test
  void validatesA5000NodeWideGraphAndACycleThroughAllOfIt() {
    List<NodeSpec> nodes = Nodes.wide(5000);
    nodes.get(0).setOutputs(listOf("out"));
    for (int i = 1; i < nodes.size(); i++) {
      nodes.get(i).setArgs(listOf("$(nodes.root.outputs.out)"));
    }
    assertThat(validator.validate(spec(nodes.toArray(NodeSpec[]::new)), "spec")).isEmpty();

    nodes.get(0).setDependsOn(listOf("sink"));
    assertThat(validator.validate(spec(nodes.toArray(NodeSpec[]::new)), "spec"))
        .containsExactly("spec.nodes: dependency cycle root -> sink -> m1 -> root (each node depends on the next)");
  }

  @Test
  void checksServiceAccountNamesOfDefaultsAndNodes() {
    NodeSpec a = node("a");
    a.setServiceAccountName("Bad_SA");
    NodeSpec b = node("b");
    b.setServiceAccountName("etl.team-1");
    PipelineSpec spec = spec(a, b);
    NodeDefaults defaults = new NodeDefaults();
    defaults.setServiceAccountName("-etl");
    spec.setDefaults(defaults);

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.defaults.serviceAccountName: \"-etl\" is not a valid service account name (a DNS-1123 subdomain: "
            + "lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 "
            + "characters)",
        "spec.nodes[0].serviceAccountName: \"Bad_SA\" is not a valid service account name (a DNS-1123 subdomain: "
            + "lower case letters, digits, '-' and '.', starting and ending with a letter or digit, at most 253 "
            + "characters)");
  }

  @Test
  void checksEnvVarNamesByTheKubernetesRule() {
    NodeSpec a = node("a");
    a.setEnv(listOf(new EnvVar("A=B", "x", null), new EnvVar("_ok.name-1", "x", null), new EnvVar("1ST", "x", null),
        new EnvVar("", "x", null)));

    assertThat(validator.validate(spec(a), "spec")).containsExactly(
        "spec.nodes[0].env[0].name: \"A=B\" is not a valid environment variable name (letters, digits, '_', '-' "
            + "and '.', not starting with a digit)",
        "spec.nodes[0].env[2].name: \"1ST\" is not a valid environment variable name (letters, digits, '_', '-' "
            + "and '.', not starting with a digit)",
        "spec.nodes[0].env[3].name: is required");
  }

  @Test
  void checksResourceQuantitiesAndThatNoRequestExceedsItsLimit() {
    NodeSpec a = node("a");
    a.setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("lots"))
        .addToRequests("memory", new Quantity("512Mi"))
        .addToRequests("ephemeral-storage", new Quantity("-1Gi"))
        .addToLimits("cpu", new Quantity("500m"))
        .addToLimits("memory", new Quantity("256Mi"))
        .build());
    NodeSpec b = node("b");
    b.setResources(new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("0.5")).addToLimits("cpu", new Quantity("500m"))
        .addToLimits("memory", new Quantity("1e9")).build());

    assertThat(validator.validate(spec(a, b), "spec")).containsExactly(
        "spec.nodes[0].resources.requests.cpu: \"lots\" is not a quantity (use e.g. 500m, 2, 1.5, 256Mi, 1Gi or 1e3)",
        "spec.nodes[0].resources.requests.ephemeral-storage: \"-1Gi\" is negative",
        "spec.nodes[0].resources.requests.memory: \"512Mi\" is more than the limit \"256Mi\"");
  }

  @Test
  void checksImageReferences() {
    NodeSpec a = node("a");
    a.setImage("Busybox:1.36");
    NodeSpec b = node("b");
    b.setImage("busybox:1.36 -it");

    assertThat(validator.validate(spec(a, b), "spec")).satisfiesExactly(
        problem -> assertThat(problem).startsWith("spec.nodes[0].image: \"Busybox:1.36\" is not an image reference"),
        problem -> assertThat(problem).startsWith("spec.nodes[1].image: \"busybox:1.36 -it\" is not an image reference"));
  }

  @Test
  void boundsEveryDurationToOneYear() {
    PipelineSpec spec = spec(node("a"));
    spec.setTimeout("8760h");
    spec.setSleepTimeout("8761h");
    NodeDefaults defaults = new NodeDefaults();
    defaults.setTimeout("9000000000000h");
    RetrySpec retry = new RetrySpec(1, "600000m");
    retry.setMaxDelay("99999999h");
    defaults.setRetry(retry);
    spec.setDefaults(defaults);
    spec.getNodes().get(0).setTimeout("31536001s");

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.sleepTimeout: \"8761h\" is longer than the maximum 8760h (one year)",
        "spec.defaults.retry.delay: \"600000m\" is longer than the maximum 8760h (one year)",
        "spec.defaults.retry.maxDelay: \"99999999h\" is longer than the maximum 8760h (one year)",
        "spec.defaults.timeout: \"9000000000000h\" is longer than the maximum 8760h (one year)",
        "spec.nodes[0].timeout: \"31536001s\" is longer than the maximum 8760h (one year)");
  }

  @Test
  void requiresADefaultForOptionalParamsThatCannotBeEmpty() {
    ParamSpec limit = param("limit", ParamType.INTEGER);
    ParamSpec mode = param("mode", null);
    mode.setAllowedValues(listOf("full", "delta"));
    ParamSpec maybeEmpty = param("filter", null);
    maybeEmpty.setAllowedValues(listOf("", "active"));
    ParamSpec note = param("note", ParamType.STRING);
    ParamSpec day = param("day", ParamType.DATE);
    day.setRequired(true);
    NodeSpec a = node("a");
    a.setParams(listOf(param("dryRun", ParamType.BOOLEAN)));
    PipelineSpec spec = spec(a);
    spec.setParams(listOf(limit, mode, maybeEmpty, note, day));

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.params[0].default: optional integer param \"limit\" needs a default (or required: true)",
        "spec.params[1].default: optional param \"mode\" needs a default, \"\" is not one of its enum values "
            + "(or required: true)",
        "spec.nodes[0].params[0].default: optional boolean param \"dryRun\" needs a default (or required: true)");
  }

  @Test
  void aBadCronExpressionMakesThePipelineInvalidAtSpecScheduleCron() {
    PipelineSpec spec = spec(node("a"));
    spec.setSchedule(schedule("61 2 * * *", null, null));

    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.schedule.cron: \"61 2 * * *\" is not a valid cron expression: value 61 not in range [0, 59]");
  }

  @Test
  void anUnknownTimeZoneMakesThePipelineInvalidAtSpecScheduleTimeZone() {
    PipelineSpec spec = spec(node("a"));
    spec.setSchedule(schedule("0 2 * * *", "Europe/Mosow", null));

    assertThat(validator.validate(spec, "spec")).containsExactly("spec.schedule.timeZone: \"Europe/Mosow\" is not "
        + "an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)");
  }

  @Test
  void everyScheduleProblemIsReportedAtOnceUnderTheGivenPrefix() {
    PipelineSpec spec = spec(node("a"));
    spec.setSchedule(schedule("0 2 * *", "+03:00", -1L));

    assertThat(validator.validate(spec, "spec.pipelineSpec")).containsExactly(
        "spec.pipelineSpec.schedule.cron: \"0 2 * *\" is not a valid cron expression: it has 4 fields, expected 5 "
            + "(minute hour day-of-month month day-of-week)",
        "spec.pipelineSpec.schedule.timeZone: \"+03:00\" is not an IANA time zone name (for example UTC, "
            + "Europe/Berlin, America/New_York)",
        "spec.pipelineSpec.schedule.startingDeadlineSeconds: must be 0 or more, got -1");
  }

  @Test
  void aScheduleWithSettingsButNoCronIsInvalidWhileAnEmptyOneIsNoSchedule() {
    PipelineSpec spec = spec(node("a"));
    spec.setSchedule(schedule(null, "UTC", null));
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.schedule.cron: is required when timeZone or startingDeadlineSeconds is set");

    spec.setSchedule(new ScheduleSpec());
    assertThat(validator.validate(spec, "spec")).isEmpty();
  }

  @Test
  void autoActivationIsValidWithOrWithoutSleepTimeoutAndManualIgnoresIt() {
    PipelineSpec spec = spec(node("a"));
    spec.setActivation(Activation.Auto);
    assertThat(validator.validate(spec, "spec")).isEmpty();
    spec.setSleepTimeout("30s");
    assertThat(validator.validate(spec, "spec")).isEmpty();
    spec.setActivation(Activation.Manual);
    assertThat(validator.validate(spec, "spec")).isEmpty();
    spec.setSleepTimeout("soon");
    assertThat(validator.validate(spec, "spec")).containsExactly(
        "spec.sleepTimeout: \"soon\" is not a duration (use e.g. 30s, 5m, 1h30m)");
  }
}
