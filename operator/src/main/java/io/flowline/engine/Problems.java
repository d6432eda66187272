package io.flowline.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Collects problems in the {@code field.path: problem} form the contract prescribes for status messages. */
final class Problems {
  private final List<String> found = new ArrayList<>();

  void add(String path, String problem) {
    found.add(path + ": " + problem);
  }

  List<String> list() {
    return Collections.unmodifiableList(found);
  }
}
