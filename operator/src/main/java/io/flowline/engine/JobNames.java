package io.flowline.engine;

import io.flowline.api.NodeStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Deterministic Job names and label values. Determinism is what keeps a restarted operator from starting a node
 * twice: the same (run, node, attempt) always maps to the same Job name, so a second create gets AlreadyExists.
 */
public final class JobNames {
  public static final int MAX_LENGTH = 63;

  private JobNames() {
  }

  /** {@code <run>-<node>-<attempt>}, or a hashed form when that is over 63 characters. */
  public static String jobName(String run, String node, int attempt) {
    return fitted(run + "-" + node, run + "/" + node, "-" + attempt);
  }

  /** True when the Job name is the plain {@code <run>-<node>-<attempt>}, which status leaves out. */
  public static boolean isPlain(String run, String node, int attempt) {
    return (run + "-" + node + "-" + attempt).length() <= MAX_LENGTH;
  }

  /** The Job of a node's current or last attempt: recorded in status only when it is not the plain name. */
  public static String jobOf(String run, NodeStatus status) {
    return status.getJob() != null ? status.getJob() : jobName(run, status.getName(), status.getAttempt());
  }

  /** A label value of at most 63 characters; longer values are shortened by the Job name rule. */
  public static String labelValue(String value) {
    return fitted(value, value, "");
  }

  /**
   * {@code <head><tail>} when that fits in 63 characters, else the head cut to fit, then {@code -<first 8 hex of
   * sha256(hashed)>} and the tail. The tail always survives whole, so the part that tells names apart (an
   * attempt, a cycle, a fire time) stays readable; the hash keeps two long heads that share a prefix apart.
   * Every generated name goes through here, so no two rules can drift apart.
   */
  static String fitted(String head, String hashed, String tail) {
    String plain = head + tail;
    if (plain.length() <= MAX_LENGTH) {
      return plain;
    }
    String suffix = "-" + hash8(hashed) + tail;
    return trimTrailingDashes(cut(head, MAX_LENGTH - suffix.length())) + suffix;
  }

  static String hash8(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static String cut(String text, int length) {
    return text.length() <= length ? text : text.substring(0, length);
  }

  // A label value and a DNS name must end with an alphanumeric character; a cut can leave a dash or dot behind.
  private static String trimTrailingDashes(String text) {
    int end = text.length();
    while (end > 0 && !Character.isLetterOrDigit(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }
}
