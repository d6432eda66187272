package io.flowline.engine;

import java.util.List;

/** STUB until the layout helper's class lands. */
public final class DagLayout {
  public static DagLayout of(Dag dag) {
    return new DagLayout();
  }

  public List<List<String>> layers() {
    return List.of();
  }
}
