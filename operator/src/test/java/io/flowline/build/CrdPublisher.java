package io.flowline.build;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Build step after the fabric8 CRD generator: puts printer columns in the order the model declares them (the
 * generator sorts them by JSON path, but `kubectl get` shows them in list order), then compares the result with
 * the CRDs committed in crds/ and the Helm chart. A difference fails the build unless
 * {@code -Dflowline.crds=update}, which writes the committed copies instead.
 *
 * <p>Arguments: generated CRD folder, repository root, mode (check|update).
 */
public final class CrdPublisher {
  private static final String API_PACKAGE = "io.flowline.api.";

  private CrdPublisher() {
  }

  public static void main(String[] args) throws Exception {
    Path generated = Path.of(args[0]);
    Path root = Path.of(args[1]);
    boolean update = args.length > 2 && "update".equals(args[2]);
    List<Path> targets = List.of(root.resolve("crds"), root.resolve("helm/flowline-operator/crds"));
    List<String> stale = new ArrayList<>();
    try (Stream<Path> files = Files.list(generated)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
        String yaml = finish(Files.readString(file));
        Files.writeString(file, yaml);
        for (Path target : targets) {
          Path committed = target.resolve(file.getFileName());
          if (Files.exists(committed) && Files.readString(committed).equals(yaml)) {
            continue;
          }
          if (update) {
            Files.createDirectories(target);
            Files.writeString(committed, yaml, StandardCharsets.UTF_8);
          } else {
            stale.add(root.relativize(committed).toString());
          }
        }
      }
    }
    if (!stale.isEmpty()) {
      throw new IllegalStateException("Committed CRDs differ from what the model generates: " + stale
          + ". Run ./mvnw -pl operator process-test-classes -Dflowline.crds=update and commit the result.");
    }
  }

  static String finish(String yaml) throws ClassNotFoundException {
    CustomResourceDefinition crd = Serialization.unmarshal(yaml, CustomResourceDefinition.class);
    Class<?> kind = Class.forName(API_PACKAGE + crd.getSpec().getNames().getKind());
    List<String> declared = Stream.of(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name).toList();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      List<CustomResourceColumnDefinition> columns = new ArrayList<>(version.getAdditionalPrinterColumns());
      columns.sort(Comparator.comparingInt(column -> declared.indexOf(column.getName())));
      version.setAdditionalPrinterColumns(columns);
      Int32Bounds.applyToResource(version.getSchema().getOpenAPIV3Schema(), kind);
    }
    return "# Generated from the Java model in operator/src/main/java/io/flowline/api by the build: do not edit.\n"
        + Serialization.asYaml(crd);
  }
}
