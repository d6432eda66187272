package io.flowline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a log page says when there is no pod to read. */
class PodLogsTest {
  private final List<String> said = new ArrayList<>();
  private final LogSink sink = new LogSink() {
    @Override
    public void line(String line) {
      said.add("line " + line);
    }

    @Override
    public void status(String status) {
      said.add("status " + status);
    }

    @Override
    public void end(String why) {
      said.add("end " + why);
    }

    @Override
    public boolean closed() {
      return false;
    }

    @Override
    public void onClose(Runnable action) {
    }
  };

  @Test
  void aNodeThatHasNotStartedHasNoLogYetAndThePageSaysSo() throws InterruptedException {
    new PodLogs(Optional::empty, null).follow("ns", "r", "load", 0, sink);

    assertThat(said).containsExactly("end Node load has not started yet: reload this page once it runs.");
  }
}
