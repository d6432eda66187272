package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferencesTest {
  private static final String DIGEST = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

  @ParameterizedTest
  @ValueSource(strings = {"busybox", "busybox:1.36", "library/busybox:latest", "ghcr.io/org/team/app:v1.2.3-rc_1",
      "localhost/app", "localhost:5000/app:dev", "registry.example.com:5000/a/b/c", "Registry.Example.com/app",
      "10.0.0.1:5000/app", "my-app", "my__app", "my.app", "a--b", "app@" + DIGEST, "app:v1@" + DIGEST})
  void acceptsImageReferences(String image) {
    assertThat(ImageReferences.problem(image)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Busybox", "org/MyApp:1", "MyOrg/app", "busy box", "busybox:1.36 ", "\tbusybox",
      "busybox:", "busybox::1", ":1.36", "/busybox", "busybox/", "a//b", "-app", "app-", "app_", "app@sha256:abc",
      "app:-tag", "registry:port/app", "http://registry/app"})
  void rejectsWhatTheKubeletCannotParse(String image) {
    assertThat(ImageReferences.problem(image)).hasValueSatisfying(problem -> assertThat(problem)
        .contains("is not an image reference"));
  }

  @Test
  void requiresAnImage() {
    assertThat(ImageReferences.problem(null)).contains("is required");
    assertThat(ImageReferences.problem("  ")).contains("is required");
  }

  @Test
  void rejectsATooLongRepositoryName() {
    assertThat(ImageReferences.problem("a".repeat(256))).hasValueSatisfying(problem -> assertThat(problem)
        .contains("longer than 255"));
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.SECONDS)
  void judgesLongHostileInputQuickly() {
    assertThat(ImageReferences.problem("a".repeat(1000) + "!")).isPresent();
    assertThat(ImageReferences.problem("a-".repeat(500) + "!")).isPresent();
    assertThat(ImageReferences.problem("a.".repeat(500) + "/!")).isPresent();
  }
}
