package io.flowline.dashboard;

/** Where the log of a node attempt comes from. */
interface NodeLogs {
  /** Streams attempt {@code attempt} of {@code node} to {@code sink}; blocks until the log ends or the sink closes. */
  void follow(String namespace, String run, String node, int attempt, LogSink sink) throws InterruptedException;
}
