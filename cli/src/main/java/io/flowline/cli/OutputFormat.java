package io.flowline.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import java.util.ArrayList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Option;

/** The -o option: human output by default, the objects as JSON or YAML for scripts. */
public final class OutputFormat {
  /** Machine-readable formats. */
  public enum Format { json, yaml }

  @Option(names = {"-o", "--output"}, paramLabel = "FORMAT",
      description = "Output format: json or yaml (the objects themselves); default: human-readable text.")
  Format format;

  public boolean human() {
    return format == null;
  }

  public Format format() {
    return format;
  }

  /** Prints one object in the chosen format. */
  public void print(PrintWriter out, KubernetesSerialization serialization, Object object) {
    if (format == Format.json) {
      out.println(serialization.asJson(object));
    } else {
      String yaml = serialization.asYaml(object);
      out.print(yaml.startsWith("---\n") ? yaml.substring(4) : yaml);
      out.flush();
    }
  }

  /** Prints objects as a {@code kind: List}, as kubectl get -o does. */
  public void printList(PrintWriter out, KubernetesSerialization serialization, List<? extends HasMetadata> items) {
    KubernetesList list = new KubernetesList();
    list.setItems(new ArrayList<>(items));
    print(out, serialization, list);
  }
}
