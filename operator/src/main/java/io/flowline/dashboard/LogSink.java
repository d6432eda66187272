package io.flowline.dashboard;

/** Where a followed log goes: the server turns each call into a Server-Sent Event. */
interface LogSink {
  void line(String line);

  /** What the log is doing now, e.g. "following" or "waiting for the container to start". */
  void status(String status);

  /** The last call: why the log ends, e.g. "ended" or that the pod is gone. */
  void end(String why);

  /** Whether the browser went away, so following can stop. */
  boolean closed();

  /** Runs {@code action} when the browser goes away (at once if it has), e.g. to close a log stream that is quiet. */
  void onClose(Runnable action);
}
