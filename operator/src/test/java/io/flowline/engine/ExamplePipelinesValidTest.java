package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.flowline.api.NodeTemplate;
import io.flowline.api.Pipeline;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shipped examples stay valid as validation grows stricter: users copy them first. A pipeline.yaml may hold
 * several Pipelines and the NodeTemplates they use; each Pipeline is judged with its nodes resolved.
 */
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
    List<Pipeline> pipelines = new ArrayList<>();
    Map<String, NodeTemplate> templates = new HashMap<>();
    for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
      if (document.isBlank()) {
        continue;
      }
      String kind = Serialization.<HasMetadata>unmarshal(document).getKind();
      if ("Pipeline".equals(kind)) {
        pipelines.add(Serialization.unmarshal(document, Pipeline.class));
      } else if ("NodeTemplate".equals(kind)) {
        NodeTemplate template = Serialization.unmarshal(document, NodeTemplate.class);
        templates.put(template.getMetadata().getName(), template);
      } else {
        throw new AssertionError(file + " holds a " + kind);
      }
    }

    assertThat(pipelines).as(file.toString()).isNotEmpty();
    for (Pipeline pipeline : pipelines) {
      ResolvedPipeline resolved = ResolvedPipeline.of(pipeline.getSpec(), "spec", "examples",
          name -> Optional.ofNullable(templates.get(name)).map(NodeTemplate::getSpec), new PipelineValidator());
      assertThat(resolved.problems()).as(file + ": " + pipeline.getMetadata().getName()).isEmpty();
    }
  }
}
