package io.flowline;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when its format is the one FLOWLINE_LOG_FORMAT selects (logback.xml). Both appenders
 * stay attached: an appender that is defined but not referenced makes logback print its whole configuration
 * status at every start, and logback's own conditionals would need Janino.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
  private static final String TEXT = "text";
  private static final String JSON = "json";

  private String format = "";
  private String selected = "";
  private boolean active;

  public void setFormat(String format) {
    this.format = format;
  }

  public void setSelected(String selected) {
    this.selected = selected;
  }

  @Override
  public void start() {
    // An unknown format writes text, so the startup error that refuses it (OperatorSettings) can be read.
    active = format.equals(selected) || (TEXT.equals(format) && !JSON.equals(selected));
    super.start();
  }

  @Override
  public FilterReply decide(ILoggingEvent event) {
    return active ? FilterReply.NEUTRAL : FilterReply.DENY;
  }
}
