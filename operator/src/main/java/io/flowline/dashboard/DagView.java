package io.flowline.dashboard;

import io.flowline.engine.DagLayout;
import java.util.function.Function;

/** The DAG of a page: drawn as SVG up to {@link DagSvg#MAX_DRAWN_NODES} nodes, listed when bigger. */
public final class DagView {
  private DagView() {
  }

  public static String render(DagLayout layout, Function<String, NodeView> views) {
    return layout.size() > DagSvg.MAX_DRAWN_NODES
        ? DagFoldedList.render(layout, views)
        : DagSvg.render(layout, views);
  }
}
