package io.flowline.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkspaceSpecTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void anEmptyStorageClassNameMeansNoClassAndSurvivesTheSnapshotUnlikeAnUnsetOne() throws Exception {
    WorkspaceSpec noClass = json.readValue("{\"size\": \"1Gi\", \"storageClassName\": \"\"}", WorkspaceSpec.class);
    WorkspaceSpec defaultClass = json.readValue("{\"size\": \"1Gi\"}", WorkspaceSpec.class);

    assertThat(json.readValue(json.writeValueAsString(noClass), WorkspaceSpec.class).getStorageClassName())
        .isEmpty();
    assertThat(json.writeValueAsString(defaultClass)).doesNotContain("storageClassName");
  }

  @Test
  void readWriteOnceIsTheDefaultAndKeepsTheRunOnOneNodeUnlessReadWriteManyIsAsked() {
    WorkspaceSpec plain = new WorkspaceSpec("1Gi");
    WorkspaceSpec shared = new WorkspaceSpec("1Gi");
    shared.setAccessModes(List.of("ReadWriteMany"));

    assertThat(plain.effectiveAccessModes()).containsExactly("ReadWriteOnce");
    assertThat(plain.singleNode()).isTrue();
    assertThat(shared.singleNode()).isFalse();
  }
}
