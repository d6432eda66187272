package io.flowline.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.flowline.api.NodeSpec;
import io.flowline.api.PipelineSpec;
import io.flowline.api.WorkspaceSpec;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The checks of spec.workspace, spec.volumes and the nodes' volumeMounts: what the API server would refuse in a
 * Job (and so fail a node at run time) or what would break the workspace is reported with its field path instead.
 */
final class VolumeChecks {
  private static final Pattern DNS_LABEL = Pattern.compile(NodeSpec.NAME_PATTERN);
  private static final int MAX_LABEL = 63;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> REFUSED_ACCESS_MODES = Map.of(
      "ReadOnlyMany", "a workspace starts empty and nodes could not write to it",
      "ReadWriteOncePod", "it would let only one pod of the run use the workspace at a time");

  private VolumeChecks() {
  }

  static void check(PipelineSpec spec, String prefix, Problems problems) {
    boolean hasWorkspace = spec.getWorkspace() != null;
    if (hasWorkspace) {
      checkWorkspace(spec.getWorkspace(), prefix + ".workspace", problems);
    }
    Set<String> volumes = checkVolumes(spec.getVolumes(), prefix + ".volumes", problems);
    checkNodeMounts(spec.getNodes(), prefix + ".nodes", volumes, hasWorkspace, problems);
    checkNodeMounts(spec.getFinallyNodes(), prefix + ".finally", volumes, hasWorkspace, problems);
  }

  private static void checkNodeMounts(List<NodeSpec> nodes, String path, Set<String> volumes, boolean hasWorkspace,
      Problems problems) {
    if (nodes == null) {
      return;
    }
    for (int i = 0; i < nodes.size(); i++) {
      if (nodes.get(i) != null) {
        checkMounts(nodes.get(i).getVolumeMounts(), path + "[" + i + "].volumeMounts", volumes, hasWorkspace,
            problems);
      }
    }
  }

  private static void checkWorkspace(WorkspaceSpec workspace, String path, Problems problems) {
    String size = workspace.getSize();
    if (size == null || size.isEmpty()) {
      problems.add(path + ".size", "is required (e.g. 1Gi)");
    } else {
      try {
        BigDecimal bytes = Quantities.parse(size);
        if (bytes.signum() <= 0) {
          problems.add(path + ".size", "must be more than 0, got " + Quote.of(size));
        }
      } catch (IllegalArgumentException e) {
        problems.add(path + ".size", e.getMessage());
      }
    }
    String storageClass = workspace.getStorageClassName();
    if (storageClass != null && !storageClass.isEmpty()) {
      NameRules.dnsSubdomainProblem(storageClass, "storage class")
          .ifPresent(problem -> problems.add(path + ".storageClassName", problem));
    }
    List<String> modes = workspace.getAccessModes();
    Set<String> seen = new HashSet<>();
    for (int i = 0; modes != null && i < modes.size(); i++) {
      String mode = modes.get(i);
      String modePath = path + ".accessModes[" + i + "]";
      if (REFUSED_ACCESS_MODES.containsKey(mode)) {
        problems.add(modePath, mode + " is not supported for a workspace: " + REFUSED_ACCESS_MODES.get(mode)
            + " (use ReadWriteOnce or ReadWriteMany)");
      } else if (!WorkspaceSpec.READ_WRITE_ONCE.equals(mode) && !WorkspaceSpec.READ_WRITE_MANY.equals(mode)) {
        problems.add(modePath, Quote.of(mode) + " is not an access mode (use ReadWriteOnce or ReadWriteMany)");
      } else if (!seen.add(mode)) {
        problems.add(modePath, "duplicate access mode " + mode);
      }
    }
  }

  /** Returns the names declared, each once. */
  private static Set<String> checkVolumes(List<Volume> volumes, String path, Problems problems) {
    Map<String, Integer> firstIndex = new HashMap<>();
    for (int i = 0; volumes != null && i < volumes.size(); i++) {
      Volume volume = volumes.get(i);
      String volumePath = path + "[" + i + "]";
      if (volume == null) {
        problems.add(volumePath, "is empty (a volume needs a name and a source such as configMap)");
        continue;
      }
      String name = volume.getName();
      if (name == null || name.isEmpty()) {
        problems.add(volumePath + ".name", "is required");
      } else if (name.length() > MAX_LABEL || !DNS_LABEL.matcher(name).matches()) {
        problems.add(volumePath + ".name", Quote.of(name) + " is not a valid volume name (a DNS-1123 label: lower "
            + "case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)");
      } else if (WorkspaceSpec.VOLUME_NAME.equals(name)) {
        problems.add(volumePath + ".name", "the name \"workspace\" is reserved for the run's workspace "
            + "(spec.workspace)");
      } else if (firstIndex.putIfAbsent(name, i) != null) {
        problems.add(volumePath + ".name", "duplicate volume name " + Quote.of(name) + " (already used by " + path
            + "[" + firstIndex.get(name) + "])");
      }
      Set<String> sources = sources(volume);
      if (sources.isEmpty()) {
        problems.add(volumePath, "needs a volume source (e.g. configMap, secret, persistentVolumeClaim, emptyDir)");
      } else if (sources.size() > 1) {
        problems.add(volumePath, "has " + sources.size() + " volume sources (" + String.join(", ", sources)
            + "); a volume has exactly one");
      }
    }
    return firstIndex.keySet();
  }

  /** The source fields set (configMap, emptyDir, ...), unknown ones included: they reach the API server too. */
  private static Set<String> sources(Volume volume) {
    @SuppressWarnings("unchecked")
    Map<String, Object> fields = JSON.convertValue(volume, Map.class);
    Set<String> sources = new TreeSet<>();
    fields.forEach((field, value) -> {
      if (!"name".equals(field) && value != null) {
        sources.add(field);
      }
    });
    return sources;
  }

  private static void checkMounts(List<VolumeMount> mounts, String path, Set<String> volumes, boolean hasWorkspace,
      Problems problems) {
    Map<String, Integer> firstByPath = new HashMap<>();
    for (int i = 0; mounts != null && i < mounts.size(); i++) {
      VolumeMount mount = mounts.get(i);
      String mountPath = path + "[" + i + "]";
      if (mount == null) {
        problems.add(mountPath, "is empty (a mount needs a name and a mountPath)");
        continue;
      }
      String name = mount.getName();
      if (name == null || name.isEmpty()) {
        problems.add(mountPath + ".name", "is required");
      } else if (WorkspaceSpec.VOLUME_NAME.equals(name)) {
        if (!hasWorkspace) {
          problems.add(mountPath + ".name", "volume \"workspace\" is the run's workspace, but spec.workspace is "
              + "not set");
        }
      } else if (!volumes.contains(name)) {
        problems.add(mountPath + ".name", "unknown volume " + Quote.of(name) + " (declare it in spec.volumes)");
      }
      String target = mount.getMountPath();
      if (target == null || target.isEmpty()) {
        problems.add(mountPath + ".mountPath", "is required");
      } else if (!target.startsWith("/")) {
        problems.add(mountPath + ".mountPath", Quote.of(target) + " must be an absolute path");
      } else {
        String normalized = normalize(target);
        if (normalized.equals(WorkspaceSpec.MOUNT_PATH) || normalized.startsWith(WorkspaceSpec.MOUNT_PATH + "/")) {
          problems.add(mountPath + ".mountPath", Quote.of(target) + " is reserved: the workspace is mounted at "
              + "/workspace in every node; mount at another path");
        } else if (firstByPath.putIfAbsent(normalized, i) != null) {
          problems.add(mountPath + ".mountPath", "duplicate mountPath " + Quote.of(target) + " (already used by "
              + path + "[" + firstByPath.get(normalized) + "])");
        }
      }
      String subPath = mount.getSubPath();
      if (subPath != null && !subPath.isEmpty()) {
        if (subPath.startsWith("/")) {
          problems.add(mountPath + ".subPath", Quote.of(subPath) + " must be a relative path");
        } else if (List.of(subPath.split("/")).contains("..")) {
          problems.add(mountPath + ".subPath", Quote.of(subPath) + " must not contain '..'");
        }
      }
    }
  }

  /** An absolute path without empty, "." and ".." segments, as the container runtime resolves it. */
  static String normalize(String absolute) {
    Deque<String> segments = new ArrayDeque<>();
    for (String segment : absolute.split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        segments.pollLast();
      } else {
        segments.addLast(segment);
      }
    }
    return "/" + String.join("/", segments);
  }
}
