package io.flowline.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The table `kubectl get` prints, cut at the header's column positions rather than at whitespace: cells may be
 * empty (END of a running run) and headers may hold a space (LAST RUN).
 */
final class KubectlTable {
  /** Header words joined by single spaces; kubectl separates columns by at least two. */
  private static final Pattern HEADER_CELL = Pattern.compile("\\S+(?: \\S+)*");

  private final List<String> columns = new ArrayList<>();
  private final List<Integer> starts = new ArrayList<>();
  private final List<String> rows;

  private KubectlTable(String header, List<String> rows) {
    Matcher cell = HEADER_CELL.matcher(header);
    while (cell.find()) {
      columns.add(cell.group());
      starts.add(cell.start());
    }
    this.rows = rows;
  }

  static KubectlTable parse(String output) {
    List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
    if (lines.isEmpty()) {
      throw new AssertionError("kubectl printed no table: " + output);
    }
    return new KubectlTable(lines.get(0), lines.subList(1, lines.size()));
  }

  List<String> columns() {
    return columns;
  }

  /** The row whose NAME cell is the given name, as column -> cell; fails naming the rows present otherwise. */
  Map<String, String> row(String name) {
    return rows.stream().map(this::cells).filter(cells -> name.equals(cells.get("NAME"))).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + name + " in:\n" + String.join("\n", rows)));
  }

  private Map<String, String> cells(String row) {
    Map<String, String> cells = new LinkedHashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      int from = Math.min(starts.get(i), row.length());
      int to = i + 1 < columns.size() ? Math.min(starts.get(i + 1), row.length()) : row.length();
      cells.put(columns.get(i), row.substring(from, to).trim());
    }
    return cells;
  }
}
