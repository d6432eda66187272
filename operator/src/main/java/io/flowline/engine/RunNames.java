package io.flowline.engine;

import java.time.Instant;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names of the runs the operator creates by itself. They are deterministic so that a restarted operator, or a second
 * instance during a leader hand-over, can never create the same run twice: both compute the same name and the second
 * create gets AlreadyExists.
 * <ul>
 *   <li>A scheduled run is {@code <pipeline>-<fire time in whole minutes since the Unix epoch>}, as a CronJob names
 *       its Jobs (fire 2025-01-15T10:30:00Z of {@code nightly-etl} is {@code nightly-etl-28948950}).</li>
 *   <li>An Auto run is {@code <pipeline>-auto-<cycle>}, cycle 1, 2, 3, ... ({@code ingest-auto-1}).</li>
 * </ul>
 * A name over 63 characters (the limit of the label values and Job names derived from it) is shortened by the
 * {@link JobNames} rule: the pipeline name is cut and followed by the first 8 hex digits of its SHA-256, and the
 * {@code -<minutes>} or {@code -auto-<cycle>} tail is kept whole, e.g. {@code <cut name>-1a2b3c4d-auto-7}.
 */
public final class RunNames {
  private static final Pattern AUTO_TAIL = Pattern.compile("-auto-([1-9][0-9]{0,17})$");

  private RunNames() {
  }

  public static String scheduled(String pipeline, Instant fire) {
    // Whole minutes, floor for instants before the epoch too, so a name never carries a '-' sign.
    return JobNames.fitted(pipeline, pipeline, "-" + Math.floorDiv(fire.getEpochSecond(), 60));
  }

  /** @param cycle 1 for the first Auto run of the pipeline */
  public static String auto(String pipeline, long cycle) {
    if (cycle < 1) {
      throw new IllegalArgumentException("Auto cycles count from 1, got " + cycle);
    }
    return JobNames.fitted(pipeline, pipeline, "-auto-" + cycle);
  }

  /**
   * The cycle of an Auto run of this pipeline, found from its name alone (labels are the user's to edit); empty
   * when the name is not one {@link #auto} gives for this pipeline, so a same-looking name of another pipeline or a
   * shortened name with a different hash does not count.
   */
  public static OptionalLong autoCycleOf(String pipeline, String runName) {
    if (pipeline == null || runName == null) {
      return OptionalLong.empty();
    }
    Matcher tail = AUTO_TAIL.matcher(runName);
    if (!tail.find()) {
      return OptionalLong.empty();
    }
    long cycle = Long.parseLong(tail.group(1));
    return auto(pipeline, cycle).equals(runName) ? OptionalLong.of(cycle) : OptionalLong.empty();
  }
}
