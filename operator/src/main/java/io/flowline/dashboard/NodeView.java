package io.flowline.dashboard;

import java.util.Locale;
import java.util.function.Function;

/**
 * How one node of a drawn DAG looks: its phase (a NodePhase name such as "Succeeded"; null means
 * Pending), an optional short second line such as "3/5" for a forEach node's children, and an optional
 * link. Every part is escaped when drawn.
 */
public record NodeView(String phase, String label, String href) {
  /** What a node without a view shows: Pending, no label, no link. */
  public static final NodeView PENDING = new NodeView("Pending", null, null);

  /** Just a phase, no label, no link. */
  public static NodeView of(String phase) {
    return new NodeView(phase, null, null);
  }

  /** The view the function gives for the node, or {@link #PENDING} when there is none. */
  static NodeView lookUp(Function<String, NodeView> views, String node) {
    NodeView view = views == null ? null : views.apply(node);
    return view == null ? PENDING : view;
  }

  /**
   * The phase as it goes into a {@code phase-X} class: a phase that is not a plain word (letters and
   * digits) would add classes of its own, so it shows as Pending.
   */
  String phaseName() {
    return phase != null && !phase.isEmpty() && phase.chars().allMatch(Character::isLetterOrDigit)
        && phase.chars().allMatch(c -> c < 128) ? phase : "Pending";
  }

  /**
   * The link, or null when there is none or it could run script: only relative links and http(s) ones
   * are kept, so a {@code javascript:} address cannot slip in through a name.
   */
  String safeHref() {
    if (href == null || href.isBlank()) {
      return null;
    }
    int colon = href.indexOf(':');
    int pathStart = firstOf(href, '/', '?', '#');
    if (colon < 0 || (pathStart >= 0 && pathStart < colon)) {
      return href;
    }
    String scheme = href.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https") ? href : null;
  }

  private static int firstOf(String text, char... characters) {
    int first = -1;
    for (char c : characters) {
      int i = text.indexOf(c);
      if (i >= 0 && (first < 0 || i < first)) {
        first = i;
      }
    }
    return first;
  }
}
