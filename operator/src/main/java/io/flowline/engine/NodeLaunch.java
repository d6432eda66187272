package io.flowline.engine;

/**
 * A Job to create now: attempt {@code attempt} of node {@code node}, named {@code jobName}; for a child of a forEach
 * node, its {@code item} and {@code itemIndex} (null and -1 otherwise).
 */
public record NodeLaunch(String node, int attempt, String jobName, String item, int itemIndex) {
  public NodeLaunch(String node, int attempt, String jobName) {
    this(node, attempt, jobName, null, -1);
  }

  public boolean isItem() {
    return itemIndex >= 0;
  }
}
