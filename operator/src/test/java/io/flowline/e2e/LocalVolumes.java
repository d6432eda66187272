package io.flowline.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;

/**
 * Volumes for workspace claims on a cluster without a volume provisioner (the local kit's). On such a cluster,
 * that is one without a default StorageClass of its own, a claim is made bindable by a default StorageClass
 * {@value #STORAGE_CLASS} (provisioner kubernetes.io/no-provisioner) and a hostPath PersistentVolume pre-bound to
 * it through spec.claimRef. On a cluster with a default class of its own (kind, minikube, a cloud) nothing is done:
 * its provisioner serves the claims, as it would for users. Safe for test classes running at once: every create
 * that finds its object already there (409) is fine, and each claim gets its own volume.
 */
final class LocalVolumes {
  static final String STORAGE_CLASS = "flowline-e2e-hostpath";
  /** Marks a volume with the test namespace it serves, so the namespace's cleanup removes it. */
  static final String NAMESPACE_LABEL = "flowline.io/e2e-namespace";
  private static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
  private static final String BETA_DEFAULT_CLASS = "storageclass.beta.kubernetes.io/is-default-class";
  private static final String HOST_DIRECTORY = "/tmp/flowline-e2e-volumes";
  private static final int MAX_NAME = 253;

  private LocalVolumes() {
  }

  /** Makes the workspace claim of {@code run} (in the environment's namespace) bindable, if the cluster needs it. */
  static void provideWorkspace(E2eEnvironment env, String run, String size) {
    provide(env.client(), env.namespace(), run + "-ws", size);
  }

  /** Makes claim {@code namespace/claim} of {@code size} bindable, if the cluster needs it. */
  static void provide(KubernetesClient client, String namespace, String claim, String size) {
    if (hasDefaultClassOfItsOwn(client)) {
      return;
    }
    createIfAbsent(client, new StorageClassBuilder()
        .withNewMetadata().withName(STORAGE_CLASS).addToAnnotations(DEFAULT_CLASS, "true").endMetadata()
        .withProvisioner("kubernetes.io/no-provisioner")
        .withReclaimPolicy("Retain")
        .withVolumeBindingMode("Immediate")
        .build());
    String name = volumeName(namespace, claim);
    createIfAbsent(client, new PersistentVolumeBuilder()
        .withNewMetadata().withName(name).addToLabels(NAMESPACE_LABEL, namespace).endMetadata()
        .withNewSpec()
          .withCapacity(Map.of("storage", new Quantity(size)))
          .withAccessModes("ReadWriteOnce", "ReadWriteMany")
          .withStorageClassName(STORAGE_CLASS)
          .withPersistentVolumeReclaimPolicy("Retain")
          .withNewClaimRef().withNamespace(namespace).withName(claim).endClaimRef()
          .withNewHostPath().withPath(HOST_DIRECTORY + "/" + name).withType("DirectoryOrCreate").endHostPath()
        .endSpec()
        .build());
  }

  /** Deletes the volumes made for {@code namespace}'s claims (the files stay under the host directory). */
  static void release(KubernetesClient client, String namespace) {
    try {
      client.persistentVolumes().withLabel(NAMESPACE_LABEL, namespace).delete();
    } catch (KubernetesClientException e) {
      System.err.println("WARNING: could not delete the PersistentVolumes of " + namespace + " (" + e.getMessage()
          + "); remove with: kubectl delete pv -l " + NAMESPACE_LABEL + "=" + namespace);
    }
  }

  private static boolean hasDefaultClassOfItsOwn(KubernetesClient client) {
    return client.storage().v1().storageClasses().list().getItems().stream()
        .filter(storageClass -> !STORAGE_CLASS.equals(storageClass.getMetadata().getName()))
        .anyMatch(LocalVolumes::isDefault);
  }

  private static boolean isDefault(StorageClass storageClass) {
    Map<String, String> annotations = storageClass.getMetadata().getAnnotations();
    return annotations != null
        && ("true".equals(annotations.get(DEFAULT_CLASS)) || "true".equals(annotations.get(BETA_DEFAULT_CLASS)));
  }

  private static String volumeName(String namespace, String claim) {
    String name = namespace + "-" + claim;
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }

  private static void createIfAbsent(KubernetesClient client, HasMetadata object) {
    try {
      client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != 409) {
        throw e;
      }
    }
  }
}
