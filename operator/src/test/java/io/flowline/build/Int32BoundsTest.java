package io.flowline.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes types embedded in the spec (volumes) bring 32-bit fields of their own; the published schema bounds
 * them, so an out-of-range value is refused at apply time instead of breaking the operator's informer.
 */
class Int32BoundsTest {
  private static JSONSchemaProps schema(String crd) throws IOException {
    try (InputStream yaml = Int32BoundsTest.class.getResourceAsStream("/crds/" + crd)) {
      assertThat(yaml).as("CRD %s on the test classpath", crd).isNotNull();
      return Serialization.unmarshal(yaml, CustomResourceDefinition.class).getSpec().getVersions().get(0).getSchema()
          .getOpenAPIV3Schema();
    }
  }

  private static JSONSchemaProps at(JSONSchemaProps schema, String... path) {
    JSONSchemaProps node = schema;
    for (String step : path) {
      node = step.equals("[]") ? node.getItems().getSchema() : node.getProperties().get(step);
      assertThat(node).as("schema at %s", String.join(".", path)).isNotNull();
    }
    return node;
  }

  @Test
  void volumeModesOfPipelinesAndInlineRunsAreBoundedTo32Bits() throws IOException {
    JSONSchemaProps pipeline = at(schema("pipelines.flowline.io-v1.yml"), "spec", "volumes", "[]");
    JSONSchemaProps inline = at(schema("pipelineruns.flowline.io-v1.yml"), "spec", "pipelineSpec", "volumes", "[]");

    for (JSONSchemaProps volume : new JSONSchemaProps[] {pipeline, inline}) {
      for (JSONSchemaProps field : new JSONSchemaProps[] {at(volume, "secret", "defaultMode"),
          at(volume, "configMap", "items", "[]", "mode"), at(volume, "projected", "defaultMode"),
          at(volume, "iscsi", "lun")}) {
        assertThat(field.getMinimum()).isEqualTo((double) Integer.MIN_VALUE);
        assertThat(field.getMaximum()).isEqualTo((double) Integer.MAX_VALUE);
      }
    }
  }

  @Test
  void boundsTheModelSetItselfAndSixtyFourBitFieldsAreLeftAsTheyAre() throws IOException {
    JSONSchemaProps run = schema("pipelineruns.flowline.io-v1.yml");

    assertThat(at(run, "spec", "priority").getMaximum()).isEqualTo((double) Integer.MAX_VALUE);
    assertThat(at(run, "spec", "retry").getMinimum()).isEqualTo(0.0);
    assertThat(at(run, "spec", "pipelineSpec", "nodes", "[]", "tolerations", "[]", "tolerationSeconds").getMaximum())
        .as("a Long").isNull();
  }
}
