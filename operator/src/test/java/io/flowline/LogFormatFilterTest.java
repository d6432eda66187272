package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

class LogFormatFilterTest {
  @Test
  void onlyTheSelectedFormatsAppenderWrites() {
    assertThat(decide("json", "json")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("text", "json")).isEqualTo(FilterReply.DENY);
    assertThat(decide("text", "text")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("json", "text")).isEqualTo(FilterReply.DENY);
  }

  @Test
  void anUnknownFormatWritesTextSoTheErrorRefusingItCanBeRead() {
    assertThat(decide("text", "yaml")).isEqualTo(FilterReply.NEUTRAL);
    assertThat(decide("json", "yaml")).isEqualTo(FilterReply.DENY);
  }

  private static FilterReply decide(String appenderFormat, String selected) {
    LogFormatFilter filter = new LogFormatFilter();
    filter.setFormat(appenderFormat);
    filter.setSelected(selected);
    filter.start();
    return filter.decide(new LoggingEvent());
  }
}
