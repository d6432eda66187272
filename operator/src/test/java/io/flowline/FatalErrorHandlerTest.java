package io.flowline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class FatalErrorHandlerTest {
  private final List<Integer> halts = new ArrayList<>();
  private final FatalErrorHandler handler = new FatalErrorHandler(halts::add);
  private final Thread thread = new Thread(() -> { }, "HttpClient-1-SelectorManager");

  @Test
  void anOutOfMemoryErrorHaltsWithANonZeroCode() {
    handler.uncaughtException(thread, new OutOfMemoryError("Java heap space"));

    assertThat(halts).containsExactly(FatalErrorHandler.EXIT_CODE);
    assertThat(FatalErrorHandler.EXIT_CODE).isNotZero();
  }

  @Test
  void anyVirtualMachineErrorHalts() {
    handler.uncaughtException(thread, new StackOverflowError());
    handler.uncaughtException(thread, new InternalError("broken"));

    assertThat(halts).containsExactly(FatalErrorHandler.EXIT_CODE, FatalErrorHandler.EXIT_CODE);
  }

  @Test
  void aWrappedOutOfMemoryErrorHalts() {
    handler.uncaughtException(thread, new CompletionException(
        new ExecutionException(new OutOfMemoryError("Java heap space"))));

    assertThat(halts).containsExactly(FatalErrorHandler.EXIT_CODE);
  }

  @Test
  void anOrdinaryExceptionIsOnlyLogged() {
    handler.uncaughtException(thread, new IllegalStateException("bug", new RuntimeException("cause")));

    assertThat(halts).isEmpty();
  }

  @Test
  void aCyclicCauseChainEnds() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(FatalErrorHandler.isFatal(second)).isFalse();
  }
}
