package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The shipped examples stay valid as validation grows stricter: users copy them first. */
class ExamplePipelinesValidTest {
  static List<Path> examplePipelines() throws IOException {
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    Path examples = null;
    for (Path dir = start; dir != null && examples == null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("examples")) && Files.isRegularFile(dir.resolve("operator/pom.xml"))) {
        examples = dir.resolve("examples");
      }
    }
    assertThat(examples).as("examples/ above " + start).isNotNull();
    try (Stream<Path> files = Files.walk(examples)) {
      return files.filter(file -> file.getFileName().toString().equals("pipeline.yaml")).sorted().toList();
    }
  }

  @ParameterizedTest
  @MethodSource("examplePipelines")
  void examplePipelineIsValid(Path file) throws IOException {
    Pipeline pipeline = Serialization.unmarshal(Files.readString(file), Pipeline.class);

    assertThat(new PipelineValidator().validate(pipeline.getSpec(), "spec")).as(file.toString()).isEmpty();
  }
}
