package io.flowline;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Creates or updates the CRDs packaged in the jar, so one command runs the operator against a bare cluster. */
final class CrdInstaller {
  static final List<String> CRD_RESOURCES =
      List.of("/crds/pipelines.flowline.io-v1.yml", "/crds/pipelineruns.flowline.io-v1.yml",
          "/crds/nodetemplates.flowline.io-v1.yml");

  private CrdInstaller() {
  }

  static void install(KubernetesClient client) {
    for (String resource : CRD_RESOURCES) {
      try (InputStream in = CrdInstaller.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("CRD " + resource + " is missing from the jar");
        }
        CustomResourceDefinition crd = client.getKubernetesSerialization().unmarshal(in,
            CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd)
            .fieldManager("flowline-operator").forceConflicts().serverSideApply();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
