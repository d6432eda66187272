package io.flowline.dashboard;

import java.util.List;

/**
 * One page of a list.
 *
 * @param page 1-based, within 1..pages
 * @param pages at least 1, even for an empty list
 */
public record Paging<T>(List<T> items, int page, int pages, int total) {
  /** Page {@code page} of {@code all}, {@code size} items a page; a page past the end gives the last one. */
  public static <T> Paging<T> of(List<T> all, int page, int size) {
    int pages = Math.max(1, (all.size() + size - 1) / size);
    int current = Math.min(Math.max(1, page), pages);
    int from = (current - 1) * size;
    return new Paging<>(List.copyOf(all.subList(from, Math.min(all.size(), from + size))), current, pages,
        all.size());
  }

  public boolean hasNext() {
    return page < pages;
  }

  public boolean hasPrevious() {
    return page > 1;
  }
}
