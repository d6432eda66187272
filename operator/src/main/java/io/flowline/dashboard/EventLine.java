package io.flowline.dashboard;

/** One Event of a run as the run page lists it. */
public record EventLine(String type, String reason, String message, String lastTime, int count) {
}
