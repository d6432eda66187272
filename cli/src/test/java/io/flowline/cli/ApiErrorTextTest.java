package io.flowline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

class ApiErrorTextTest {
  @Test
  void theApiServersMessageWithTheHttpCode() {
    KubernetesClientException forbidden = new KubernetesClientException(new StatusBuilder().withCode(403)
        .withMessage("pipelineruns is forbidden: User \"bob\" cannot list").build());
    assertThat(ApiErrorText.of(forbidden)).isEqualTo("pipelineruns is forbidden: User \"bob\" cannot list (HTTP 403)");
  }

  @Test
  void aConnectionFailureNamesTheServerAndTheDeepestMessage() {
    KubernetesClientException refused = new KubernetesClientException("Operation: [list] failed.",
        new IOException("wrapped", new ConnectException("Connection refused")));
    assertThat(ApiErrorText.of(refused, "https://10.0.0.1:6443/"))
        .isEqualTo("cannot reach the Kubernetes API at https://10.0.0.1:6443/: Connection refused");
    KubernetesClientException silent = new KubernetesClientException("Operation: [list] failed.",
        new IOException(new ClosedChannelException()));
    assertThat(ApiErrorText.of(silent, null)).startsWith("cannot reach the Kubernetes API: ");
  }
}
