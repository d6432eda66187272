package io.flowline.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/** One volume shared by every node of a run: a PersistentVolumeClaim per run, mounted at /workspace. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class WorkspaceSpec {
  public static final String MOUNT_PATH = "/workspace";
  /** The pod volume name of the workspace, reserved in spec.volumes. */
  public static final String VOLUME_NAME = "workspace";
  public static final String READ_WRITE_ONCE = "ReadWriteOnce";
  public static final String READ_WRITE_MANY = "ReadWriteMany";
  static final String ACCESS_MODE_PATTERN = "^(ReadWriteOnce|ReadWriteMany)$";

  @JsonPropertyDescription("Requested size of the run's PersistentVolumeClaim (its resources.requests.storage): a "
      + "positive Kubernetes quantity such as 1Gi or 500Mi. Checked by the operator.")
  @Required
  private String size;

  @JsonPropertyDescription("StorageClass of the claim, as in a PersistentVolumeClaim: unset = the cluster's default "
      + "StorageClass, \"\" = no class (binds only a PersistentVolume without a class). The claim is created as "
      + "the run starts; a class that cannot provision it leaves the run's pods Pending until the pod start grace "
      + "fails them.")
  // "" means no class, unlike unset: it must survive the snapshot's serialisation.
  @JsonInclude(JsonInclude.Include.NON_NULL)
  private String storageClassName;

  @JsonPropertyDescription("Access modes of the claim: ReadWriteOnce (default) or ReadWriteMany. ReadWriteOnce "
      + "volumes attach to one Kubernetes node at a time, so the run's pods are kept on one node: every pod has a "
      + "required podAffinity to the run's other pods (topologyKey kubernetes.io/hostname, label flowline.io/run), "
      + "so pods running at the same time share a node; and once a pod of the run has been scheduled, that node is "
      + "recorded in status.workspaceNode and every later pod of the run (retries included) gets a required "
      + "nodeAffinity to it. If that node goes away the remaining nodes cannot start and fail after the pod start "
      + "grace. ReadWriteMany (a class that supports it, e.g. NFS) lets the pods go anywhere.")
  private List<@Pattern(ACCESS_MODE_PATTERN) String> accessModes = new ArrayList<>();

  public WorkspaceSpec() {
  }

  public WorkspaceSpec(String size) {
    this.size = size;
  }

  public String getSize() { return size; }
  public void setSize(String size) { this.size = size; }
  public String getStorageClassName() { return storageClassName; }
  public void setStorageClassName(String storageClassName) { this.storageClassName = storageClassName; }
  public List<String> getAccessModes() { return accessModes; }
  public void setAccessModes(List<String> accessModes) {
    this.accessModes = accessModes == null ? new ArrayList<>() : accessModes;
  }

  /** The access modes the claim is created with: ReadWriteOnce when none are given. */
  public List<String> effectiveAccessModes() {
    return accessModes.isEmpty() ? List.of(READ_WRITE_ONCE) : List.copyOf(accessModes);
  }

  /** True when the volume can be attached to one Kubernetes node only, so the run's pods must share one. */
  public boolean singleNode() {
    return !effectiveAccessModes().contains(READ_WRITE_MANY);
  }
}
