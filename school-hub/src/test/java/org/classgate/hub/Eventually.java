package org.classgate.hub;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline (tests never sleep a fixed time to assert). */
final class Eventually {
  private Eventually() {}

  static void await(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.call()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.sleep(5);
    }
  }
}
