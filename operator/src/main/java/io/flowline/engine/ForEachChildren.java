package io.flowline.engine;

import java.util.Optional;

/** How the children of a forEach node are named: {@code <node>-<index>}, the index from 0 without leading zeros. */
public final class ForEachChildren {
  private ForEachChildren() {
  }

  public static String childName(String parent, int index) {
    return parent + "-" + index;
  }

  /** The parent and index a child name stands for, if it has the child form; the parent may not be a forEach node. */
  public static Optional<Child> parse(String name) {
    int dash = name.lastIndexOf('-');
    if (dash <= 0 || dash == name.length() - 1) {
      return Optional.empty();
    }
    String digits = name.substring(dash + 1);
    if (digits.length() > 4 || !digits.chars().allMatch(Character::isDigit)
        || digits.length() > 1 && digits.charAt(0) == '0') {
      return Optional.empty();
    }
    return Optional.of(new Child(name.substring(0, dash), Integer.parseInt(digits)));
  }

  public record Child(String parent, int index) {
  }
}
