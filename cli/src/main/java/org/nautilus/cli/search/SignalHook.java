package org.nautilus.cli.search;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.nautilus.actors.api.LocalSearch;

/**
 * What a running search does on SIGINT or SIGTERM: {@code action} (stop or pause it), then a wait of at
 * most a minute so that the journal records how it ended before the JVM exits. Closing it (when the
 * search ended by itself) removes the hook.
 */
public final class SignalHook implements AutoCloseable {
  private final Thread hook;

  private SignalHook(Thread hook) {
    this.hook = hook;
  }

  /** Installs the hook for {@code search}. */
  public static SignalHook install(LocalSearch search, Consumer<LocalSearch> action) {
    Thread hook = new Thread(() -> {
      action.accept(search);
      try {
        search.result().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (Exception e) {
        // The process is exiting; what was journaled before stays journaled.
      }
    }, "nautilus-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    return new SignalHook(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // Already shutting down: the hook is running.
    }
  }
}
