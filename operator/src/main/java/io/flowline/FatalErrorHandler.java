package io.flowline;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Default uncaught-exception handler: a VirtualMachineError (OutOfMemoryError, StackOverflowError, InternalError)
 * reaching the top of any thread halts the JVM. After one the process may keep running with dead threads (an HTTP
 * client's selector, an informer, a reconciler pool) and never work again; exiting lets Kubernetes restart it.
 * The second line of defence behind -XX:+ExitOnOutOfMemoryError, which also catches OOMs that some executor
 * swallows, but only when the JVM is started with it.
 */
final class FatalErrorHandler implements Thread.UncaughtExceptionHandler {
  /** The exit code -XX:+ExitOnOutOfMemoryError uses, so both ways out look the same to whoever restarts us. */
  static final int EXIT_CODE = 3;

  private static final Logger LOG = LoggerFactory.getLogger(FatalErrorHandler.class);
  private static final int MAX_CAUSE_DEPTH = 16;

  private final IntConsumer halt;

  FatalErrorHandler(IntConsumer halt) {
    this.halt = halt;
  }

  /** Installs the handler for every thread, halting with Runtime.halt (no shutdown hooks: they may need memory). */
  static void install() {
    Thread.setDefaultUncaughtExceptionHandler(new FatalErrorHandler(code -> Runtime.getRuntime().halt(code)));
  }

  @Override
  public void uncaughtException(Thread thread, Throwable error) {
    if (isFatal(error)) {
      try {
        // Best effort: logging itself may fail without memory, and must not keep us from halting.
        System.err.println("FATAL: " + error + " in thread " + thread.getName() + "; halting the JVM");
        LOG.error("{} in thread {}; halting the JVM", error, thread.getName());
      } catch (Throwable ignored) {
        // Halting matters more than the log line.
      } finally {
        halt.accept(EXIT_CODE);
      }
      return;
    }
    LOG.error("Uncaught exception in thread {}", thread.getName(), error);
  }

  /** A VirtualMachineError, also when wrapped (CompletionException, ExecutionException, ...). */
  static boolean isFatal(Throwable error) {
    Throwable current = error;
    for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
      if (current instanceof VirtualMachineError) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
