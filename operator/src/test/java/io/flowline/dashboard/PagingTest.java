package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PagingTest {
  private final List<Integer> hundredAndOne = IntStream.range(0, 101).boxed().toList();

  @Test
  void pagesCutTheListInOrderAndTheLastPageHoldsTheRest() {
    Paging<Integer> first = Paging.of(hundredAndOne, 1, 50);
    Paging<Integer> last = Paging.of(hundredAndOne, 3, 50);

    assertThat(first.items()).containsExactlyElementsOf(hundredAndOne.subList(0, 50));
    assertThat(first.pages()).isEqualTo(3);
    assertThat(first.hasPrevious()).isFalse();
    assertThat(first.hasNext()).isTrue();
    assertThat(last.items()).containsExactly(100);
    assertThat(last.hasNext()).isFalse();
    assertThat(last.total()).isEqualTo(101);
  }

  @Test
  void aPagePastTheEndGivesTheLastPageAndAnEmptyListHasOneEmptyPage() {
    assertThat(Paging.of(hundredAndOne, 99, 50).page()).isEqualTo(3);
    assertThat(Paging.of(hundredAndOne, 0, 50).page()).isEqualTo(1);
    Paging<Integer> empty = Paging.of(List.of(), 4, 50);
    assertThat(empty.pages()).isEqualTo(1);
    assertThat(empty.page()).isEqualTo(1);
    assertThat(empty.items()).isEmpty();
  }
}
