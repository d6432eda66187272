package io.flowline.engine;

/** A Job to create now: attempt {@code attempt} of node {@code node}, named {@code jobName}. */
public record NodeLaunch(String node, int attempt, String jobName) {
}
