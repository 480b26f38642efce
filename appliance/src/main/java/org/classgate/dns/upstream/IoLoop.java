package org.classgate.dns.upstream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.function.LongSupplier;
import org.tinylog.TaggedLogger;

/**
 * One thread that multiplexes every in-flight upstream exchange: a selector for the non-blocking
 * channels and a deadline queue for their timeouts, so waiting for a thousand upstream answers
 * costs no more threads than waiting for one.
 *
 * <p>Thread safety: {@link #submit} and {@link #close} may be called from any thread; every other
 * method only from the loop thread (inside a submitted task, a ready handler or a timer). A handler
 * or timer that throws is logged and the loop carries on. Deadlines use the injected clock; the
 * selector's own wait is only a way to sleep until the earliest of them.
 */
final class IoLoop implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** The largest UDP payload; a longer datagram is cut by the kernel anyway. */
  static final int MAX_DATAGRAM = 65_535;

  private static final long JOIN_TIMEOUT_MILLIS = 5_000;
  private static final Comparator<Timer> BY_DEADLINE =
      (a, b) -> {
        // Compare by difference: nanoTime values may wrap (System.nanoTime's contract).
        int byDeadline = Long.compare(a.deadlineNanos - b.deadlineNanos, 0);
        return byDeadline != 0 ? byDeadline : Long.compare(a.sequence, b.sequence);
      };

  /** Reacts to readiness of one registered channel; runs on the loop thread. */
  @FunctionalInterface
  interface ReadyHandler {
    void ready(SelectionKey key);
  }

  /** A scheduled action; cancel it from the loop thread once it is no longer needed. */
  static final class Timer {
    private final long deadlineNanos;
    private final long sequence;
    private final Runnable action;
    private boolean cancelled;

    private Timer(long deadlineNanos, long sequence, Runnable action) {
      this.deadlineNanos = deadlineNanos;
      this.sequence = sequence;
      this.action = action;
    }

    void cancel() {
      cancelled = true;
    }
  }

  private final Selector selector;
  private final LongSupplier nanoTime;
  private final Thread thread;
  private final Object lock = new Object();
  private final Queue<Runnable> tasks = new ArrayDeque<>(); // guarded by lock
  private final PriorityQueue<Timer> timers = new PriorityQueue<>(BY_DEADLINE);
  private final ByteBuffer receiveBuffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
  private boolean closed; // guarded by lock
  private long timerSequence;

  /**
   * Opens the selector and starts the loop thread (a daemon named {@code threadName}).
   *
   * @throws UncheckedIOException if the selector cannot be opened
   */
  IoLoop(String threadName, LongSupplier nanoTime) {
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open a selector for " + threadName, e);
    }
    this.nanoTime = nanoTime;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Runs {@code task} on the loop thread soon.
   *
   * @return false if the loop is closed; the task will then never run
   */
  boolean submit(Runnable task) {
    synchronized (lock) {
      if (closed) {
        return false;
      }
      tasks.add(task);
    }
    selector.wakeup();
    return true;
  }

  /** The injected clock's current value. */
  long now() {
    return nanoTime.getAsLong();
  }

  /** Registers {@code channel} for {@code ops}; loop thread only. */
  SelectionKey register(SelectableChannel channel, int ops, ReadyHandler handler)
      throws IOException {
    return channel.register(selector, ops, handler);
  }

  /** Runs {@code action} once the clock reaches {@code deadlineNanos}; loop thread only. */
  Timer schedule(long deadlineNanos, Runnable action) {
    Timer timer = new Timer(deadlineNanos, timerSequence++, action);
    timers.add(timer);
    return timer;
  }

  /**
   * A buffer for one datagram, shared by every exchange: the loop handles one channel at a time, so
   * a buffer per query (64 KiB each) would only waste memory. Loop thread only; cleared by the
   * caller.
   */
  ByteBuffer receiveBuffer() {
    return receiveBuffer;
  }

  private void run() {
    try {
      while (runTasks()) {
        fireDueTimers();
        selector.select(this::dispatch, millisUntilNextTimer());
      }
    } catch (IOException | ClosedSelectorException e) {
      LOG.error(e, "upstream I/O loop stopped");
    } finally {
      closeEverything();
    }
  }

  /** Runs the queued tasks; returns false once the loop is closed. */
  private boolean runTasks() {
    while (true) {
      Runnable task;
      synchronized (lock) {
        if (closed) {
          return false;
        }
        task = tasks.poll();
      }
      if (task == null) {
        return true;
      }
      safely(task, "task");
    }
  }

  private void fireDueTimers() {
    long now = now();
    while (!timers.isEmpty()) {
      Timer head = timers.peek();
      if (!head.cancelled && head.deadlineNanos - now > 0) {
        return;
      }
      timers.poll();
      if (!head.cancelled) {
        safely(head.action, "timer");
      }
    }
  }

  /** 0 means "until woken" to {@link Selector#select(long)}; a due timer waits 1 ms at most. */
  private long millisUntilNextTimer() {
    Timer head = timers.peek();
    if (head == null) {
      return 0;
    }
    long remaining = head.deadlineNanos - now();
    return Math.max(1, (remaining + 999_999) / 1_000_000);
  }

  private void dispatch(SelectionKey key) {
    if (key.isValid() && key.attachment() instanceof ReadyHandler handler) {
      safely(() -> handler.ready(key), "ready handler");
    }
  }

  private static void safely(Runnable action, String what) {
    try {
      action.run();
    } catch (RuntimeException e) {
      // A bug in one exchange must not stop every other one: its own timer still ends it.
      LOG.error(e, "upstream I/O {} failed", what);
    }
  }

  private void closeEverything() {
    synchronized (lock) {
      closed = true;
      tasks.clear();
    }
    timers.clear();
    try {
      for (SelectionKey key : selector.keys()) {
        key.channel().close();
      }
      selector.close();
    } catch (IOException | ClosedSelectorException e) {
      LOG.warn("closing upstream sockets: {}", e.getMessage());
    }
  }

  /**
   * Stops the loop and closes every channel it holds. Tasks not yet run are dropped: the owner must
   * complete whatever they stood for. Waits up to five seconds for the thread unless called on it.
   */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
    }
    selector.wakeup();
    if (Thread.currentThread() == thread) {
      return;
    }
    try {
      thread.join(JOIN_TIMEOUT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
