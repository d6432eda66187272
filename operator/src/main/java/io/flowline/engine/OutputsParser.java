package io.flowline.engine;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a node's declared outputs from its termination message ({@code name=value} lines).
 *
 * <p>The kubelet keeps at most 4096 bytes of the message and cuts the rest silently, so a message of 4096
 * bytes or more may have lost lines or ends mid-value: it fails the node (OutputsTooLarge) rather than
 * passing on a truncated value. That rule applies only to nodes that declare outputs: a node without
 * outputs may write anything there, and its message is never read.
 */
public final class OutputsParser {
  /** The kubelet's limit of a termination message. */
  static final int MAX_MESSAGE_BYTES = 4096;

  private OutputsParser() {
  }

  /**
   * Lines split at the first '=', the name trimmed (output names hold no spaces), the value kept as written
   * apart from '\r'; blank lines and lines without '=' are skipped, the last of duplicate names wins,
   * undeclared names are ignored. A null message counts as empty.
   */
  public static OutputsResult parse(String terminationMessage, List<String> declared) {
    Set<String> wanted = new LinkedHashSet<>();
    if (declared != null) {
      for (String name : declared) {
        if (name != null) {
          wanted.add(name);
        }
      }
    }
    if (wanted.isEmpty()) {
      return new OutputsResult(Map.of(), null, null);
    }
    String message = terminationMessage == null ? "" : terminationMessage;
    int bytes = message.getBytes(StandardCharsets.UTF_8).length;
    if (bytes >= MAX_MESSAGE_BYTES) {
      return new OutputsResult(Map.of(), OutputsResult.OUTPUTS_TOO_LARGE, "the termination message is " + bytes
          + " bytes; outputs must stay under " + MAX_MESSAGE_BYTES + " bytes, where the kubelet cuts the message");
    }
    Map<String, String> written = new HashMap<>();
    for (String line : message.replace("\r", "").split("\n")) {
      int equals = line.indexOf('=');
      if (equals >= 0) {
        written.put(line.substring(0, equals).trim(), line.substring(equals + 1));
      }
    }
    Map<String, String> outputs = new LinkedHashMap<>();
    List<String> missing = new ArrayList<>();
    for (String name : wanted) {
      if (written.containsKey(name)) {
        outputs.put(name, written.get(name));
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty()) {
      return new OutputsResult(Map.of(), OutputsResult.OUTPUTS_MISSING, "declared output"
          + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing)
          + (missing.size() == 1 ? " was" : " were") + " not written to /dev/termination-log (write name=value lines)");
    }
    return new OutputsResult(outputs, null, null);
  }
}
