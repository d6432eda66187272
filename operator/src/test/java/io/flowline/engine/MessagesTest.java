package io.flowline.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessagesTest {
  @Test
  void leavesTextThatFitsAndNullAlone() {
    assertThat(Messages.abbreviate("exit code 3: boom", 17)).isEqualTo("exit code 3: boom");
    assertThat(Messages.abbreviate(null, 10)).isNull();
  }

  @Test
  void cutsTheMiddleKeepingHeadAndTailWithinTheLimit() {
    String text = "exit code 3: " + "x".repeat(2000) + " last line of the log";

    String cut = Messages.abbreviate(text, 300);

    assertThat(cut).hasSize(300).startsWith("exit code 3: xxx").endsWith("xxx last line of the log")
        .contains(Messages.CUT);
  }

  @Test
  void keepsTheHeadWhenTheLimitIsTooSmallForAMark() {
    assertThat(Messages.abbreviate("node x failed", 6)).isEqualTo("node x");
  }

  @Test
  void neverSplitsASurrogatePair() {
    String text = "\uD83D\uDE00".repeat(50);

    String cut = Messages.abbreviate(text, 21);

    assertThat(cut.length()).isLessThanOrEqualTo(21);
    assertThat(cut.replace(Messages.CUT, "")).matches("(\uD83D\uDE00)+");
  }
}
