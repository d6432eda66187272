package io.flowline.dashboard;

/** STUB. */
public record NodeView(String phase, String label, String href) {
}
