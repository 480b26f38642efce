package org.classgate.sync.transport;

/**
 * How the sender waits between rounds: up to a time, or until woken because new records were
 * appended. Injected so tests step time instead of sleeping. Implementations are thread-safe.
 */
public interface Pause {
  /**
   * Waits up to {@code nanos}, returning early if {@link #wake()} was called since the last wait
   * returned (a wake before the wait is not lost).
   */
  void await(long nanos) throws InterruptedException;

  /** Ends the current or next {@link #await} early. */
  void wake();

  /** A pause on a monitor: the real one. */
  static Pause monitor() {
    return new Pause() {
      private boolean woken;

      @Override
      public synchronized void await(long nanos) throws InterruptedException {
        long deadline = System.nanoTime() + nanos;
        while (!woken) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          wait(left / 1_000_000, (int) (left % 1_000_000));
        }
        woken = false;
      }

      @Override
      public synchronized void wake() {
        woken = true;
        notifyAll();
      }
    };
  }
}
