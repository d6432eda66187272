package io.flowline.kube;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  private static KubernetesClientException answer(int code, String message) {
    return new KubernetesClientException(new StatusBuilder().withCode(code).withMessage(message).build());
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 403, 404, 422})
  void permanentAnswersFailWhatAskedAndAreNotRetried(int code) {
    assertThat(ApiErrors.isPermanent(answer(code, "no"))).isTrue();
    assertThat(ApiErrors.isTransient(answer(code, "no"))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(ints = {429, 500, 503, 504})
  void throttlingAndServerErrorsAreTransient(int code) {
    assertThat(ApiErrors.isTransient(answer(code, "busy"))).isTrue();
    assertThat(ApiErrors.isPermanent(answer(code, "busy"))).isFalse();
  }

  @Test
  void aLostConnectionIsTransientAndAConflictIsNeither() {
    assertThat(ApiErrors.isTransient(new KubernetesClientException("boom", new IOException("reset")))).isTrue();
    assertThat(ApiErrors.isTransient(answer(409, "conflict"))).isFalse();
    assertThat(ApiErrors.isTransient(new IllegalStateException("bug"))).isFalse();
    assertThat(ApiErrors.isTransient(new java.io.UncheckedIOException(new java.util.zip.ZipException("corrupt"))))
        .as("the operator's own I/O error is no outage").isFalse();
  }

  @Test
  void theMessageIsTheApiServersOwn() {
    assertThat(ApiErrors.message(answer(403, "exceeded quota: no-jobs"))).isEqualTo("exceeded quota: no-jobs");
  }
}
