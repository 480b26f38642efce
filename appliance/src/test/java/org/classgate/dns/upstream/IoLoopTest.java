package org.classgate.dns.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IoLoopTest {
  private static final long WAIT_SECONDS = 5;

  private final AtomicLong clock = new AtomicLong(1_000_000);
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final IoLoop loop = new IoLoop("io-loop-test", clock::get);

  @AfterEach
  void closeLoop() {
    loop.close();
  }

  private void onLoop(Runnable task) throws Exception {
    CompletableFuture<Void> done = new CompletableFuture<>();
    assertTrue(
        loop.submit(
            () -> {
              task.run();
              done.complete(null);
            }));
    done.get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** Moves the clock and wakes the loop so it looks at its timers. */
  private void step(long nanos) throws Exception {
    clock.addAndGet(nanos);
    onLoop(() -> {});
  }

  private String nextEvent() throws InterruptedException {
    return events.poll(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  @Test
  void timersFireInDeadlineOrderOnlyOnceTheClockReachesThem() throws Exception {
    long start = clock.get();
    onLoop(
        () -> {
          loop.schedule(start + 30, () -> events.add("30"));
          loop.schedule(start + 10, () -> events.add("10"));
          loop.schedule(start + 20, () -> events.add("20"));
        });

    step(15);
    assertEquals("10", nextEvent());
    assertTrue(events.isEmpty(), "20 and 30 are not due yet");

    step(20);
    assertEquals("20", nextEvent());
    assertEquals("30", nextEvent());
  }

  @Test
  void aCancelledTimerNeverFires() throws Exception {
    long start = clock.get();
    onLoop(
        () -> {
          loop.schedule(start + 10, () -> events.add("cancelled")).cancel();
          loop.schedule(start + 20, () -> events.add("kept"));
        });

    step(50);

    assertEquals("kept", nextEvent());
    assertTrue(events.isEmpty());
  }

  @Test
  void aFailingTaskOrTimerDoesNotStopTheLoop() throws Exception {
    long start = clock.get();
    loop.submit(
        () -> {
          throw new IllegalStateException("bug in one task");
        });
    onLoop(
        () ->
            loop.schedule(
                start + 1,
                () -> {
                  throw new IllegalStateException("bug in one timer");
                }));
    step(5);

    onLoop(() -> events.add("still running"));
    assertEquals("still running", nextEvent());
  }

  @Test
  void dispatchesReadinessToTheRegisteredHandler() throws Exception {
    try (DatagramChannel receiver = DatagramChannel.open();
        DatagramChannel sender = DatagramChannel.open()) {
      receiver.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
      receiver.configureBlocking(false);
      onLoop(
          () -> {
            try {
              loop.register(
                  receiver,
                  SelectionKey.OP_READ,
                  key -> {
                    try {
                      java.nio.ByteBuffer buffer = loop.receiveBuffer();
                      buffer.clear();
                      if (receiver.receive(buffer) != null) {
                        events.add("datagram of " + buffer.flip().remaining());
                      }
                    } catch (java.io.IOException e) {
                      events.add(e.toString());
                    }
                  });
            } catch (java.io.IOException e) {
              events.add(e.toString());
            }
          });

      sender.send(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), receiver.getLocalAddress());

      assertEquals("datagram of 3", nextEvent());
    }
  }

  @Test
  void closeClosesRegisteredChannelsAndRefusesNewTasks() throws Exception {
    DatagramChannel channel = DatagramChannel.open();
    channel.configureBlocking(false);
    onLoop(
        () -> {
          try {
            loop.register(channel, SelectionKey.OP_READ, key -> {});
          } catch (java.io.IOException e) {
            events.add(e.toString());
          }
        });

    loop.close();

    assertFalse(channel.isOpen());
    assertFalse(loop.submit(() -> events.add("ran after close")));
    assertNull(events.poll(100, TimeUnit.MILLISECONDS));
  }
}
