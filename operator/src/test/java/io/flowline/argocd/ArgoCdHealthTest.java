package io.flowline.argocd;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.Pipeline;
import io.flowline.api.PipelineRun;
import io.flowline.api.PipelineRunStatus;
import io.flowline.api.PipelineSpec;
import io.flowline.api.PipelineState;
import io.flowline.api.PipelineStatus;
import io.flowline.api.RunPhase;
import io.flowline.api.RunSummary;
import io.flowline.e2e.RepoLayout;
import io.flowline.engine.Conditions;
import io.flowline.engine.RunStatuses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * The Argo CD health checks shipped in argocd/health, run as Argo CD runs them (a Lua script with the object as
 * the global {@code obj}, returning {status, message}) against statuses the operator's own code writes.
 */
class ArgoCdHealthTest {
  private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

  private record Health(String status, String message) {
  }

  private static Health health(String kind, Object object) throws IOException {
    Path script = RepoLayout.locate().root().resolve("argocd/health/flowline.io_" + kind + ".lua");
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", lua(Serialization.jsonMapper().valueToTree(object)));
    LuaValue result = globals.load(Files.readString(script), script.getFileName().toString()).call();
    return new Health(result.get("status").tojstring(), result.get("message").tojstring());
  }

  private static LuaValue lua(JsonNode node) {
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
        Map.Entry<String, JsonNode> field = fields.next();
        table.set(field.getKey(), lua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      for (int i = 0; i < node.size(); i++) {
        table.set(i + 1, lua(node.get(i)));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return node.isNull() ? LuaValue.NIL : LuaValue.valueOf(node.asText());
  }

  private static PipelineRun run(PipelineRunStatus status) {
    PipelineRun run = new PipelineRun();
    run.setMetadata(new ObjectMetaBuilder().withName("etl-1").withNamespace("data").withGeneration(1L).build());
    run.setStatus(status);
    return run;
  }

  private static PipelineRunStatus runStatus(RunPhase phase, String message) {
    PipelineRunStatus status = new PipelineRunStatus();
    status.setProgress("2/5");
    switch (phase) {
      case Pending -> RunStatuses.pending(status, message, NOW);
      case Running -> RunStatuses.running(status, message, NOW);
      case Succeeded, Failed, Cancelled -> RunStatuses.finish(status, phase, phase.name(), message, NOW);
      default -> status.setPhase(phase);
    }
    return status;
  }

  @Test
  void aRunIsProgressingUntilItEndsHealthyWhenItSucceedsDegradedWhenItFailsAndSuspendedWhilePaused()
      throws IOException {
    assertThat(health("PipelineRun", run(null)).status()).isEqualTo("Progressing");
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Pending, "waiting for Pipeline etl: not found"))))
        .isEqualTo(new Health("Progressing", "waiting for Pipeline etl: not found"));
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Running, null))))
        .isEqualTo(new Health("Progressing", "Running (2/5 nodes finished)"));
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Queued, null))).status()).isEqualTo("Progressing");
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Stopping, null))).status()).isEqualTo("Progressing");
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Paused, null))).status()).isEqualTo("Suspended");
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Succeeded, "all nodes succeeded"))))
        .isEqualTo(new Health("Healthy", "all nodes succeeded"));
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Failed, "node load failed: exit code 3"))))
        .isEqualTo(new Health("Degraded", "node load failed: exit code 3"));
    assertThat(health("PipelineRun", run(runStatus(RunPhase.Cancelled, "cancelled"))).status())
        .isEqualTo("Degraded");
  }

  private static Pipeline pipeline(PipelineState state, long generation, Long observed) {
    Pipeline pipeline = new Pipeline();
    pipeline.setMetadata(new ObjectMetaBuilder().withName("etl").withNamespace("data").withGeneration(generation)
        .build());
    pipeline.setSpec(new PipelineSpec());
    if (state != null) {
      PipelineStatus status = new PipelineStatus();
      status.setState(state);
      status.setStateCode(state.code());
      status.setObservedGeneration(observed);
      status.setConditions(state == PipelineState.Invalid
          ? Conditions.set(status.getConditions(), "Ready", "False", "Invalid",
              "spec.nodes.load.dependsOn: unknown node \"extract\"", generation, NOW)
          : Conditions.set(status.getConditions(), "Ready", "True", "Valid", "", generation, NOW));
      pipeline.setStatus(status);
    }
    return pipeline;
  }

  private static Pipeline withLastRun(Pipeline pipeline, RunPhase phase) {
    RunSummary last = new RunSummary();
    last.setName("etl-7");
    last.setPhase(phase);
    pipeline.getStatus().setLastRun(last);
    return pipeline;
  }

  @Test
  void aPipelineIsHealthyWhenIdleDegradedWhenInvalidOrItsLastRunFailedAndProgressingWhileItRunsOrIsUnseen()
      throws IOException {
    assertThat(health("Pipeline", pipeline(null, 1, null)).status()).isEqualTo("Progressing");
    assertThat(health("Pipeline", pipeline(PipelineState.Idle, 2, 1L)))
        .isEqualTo(new Health("Progressing", "Waiting for the Flowline operator to see generation 2"));
    assertThat(health("Pipeline", withLastRun(pipeline(PipelineState.Idle, 2, 2L), RunPhase.Succeeded)))
        .isEqualTo(new Health("Healthy", "Idle"));
    assertThat(health("Pipeline", pipeline(PipelineState.Sleeping, 2, 2L)).status()).isEqualTo("Healthy");
    assertThat(health("Pipeline", withLastRun(pipeline(PipelineState.Idle, 2, 2L), RunPhase.Failed)))
        .isEqualTo(new Health("Degraded", "Last run etl-7 Failed"));
    assertThat(health("Pipeline", pipeline(PipelineState.Invalid, 3, 3L)))
        .isEqualTo(new Health("Degraded", "spec.nodes.load.dependsOn: unknown node \"extract\""));
    assertThat(health("Pipeline", pipeline(PipelineState.Running, 3, 3L)).status()).isEqualTo("Progressing");

    Pipeline suspended = pipeline(PipelineState.Idle, 3, 3L);
    suspended.getSpec().setSuspend(true);
    assertThat(health("Pipeline", suspended).status()).isEqualTo("Suspended");
  }
}
