package org.classgate.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The control server on a real Unix-domain socket, driven by the real client and by raw bytes. */
class ControlServerTest {
  @TempDir Path dir;

  private final List<ControlServer> servers = new ArrayList<>();

  /** Replies with its arguments joined by '|', so tests see exactly what the server decoded. */
  private static final ControlCommand ECHO =
      new ControlCommand() {
        @Override
        public String name() {
          return "echo";
        }

        @Override
        public String run(List<String> args) {
          return String.join("|", args).replace("\n", "\\n");
        }
      };

  private static final ControlCommand REFUSE =
      new ControlCommand() {
        @Override
        public String name() {
          return "refuse";
        }

        @Override
        public String run(List<String> args) throws ControlException {
          throw new ControlException("no: " + args.size() + " args");
        }
      };

  private static final ControlCommand BROKEN =
      new ControlCommand() {
        @Override
        public String name() {
          return "broken";
        }

        @Override
        public String run(List<String> args) {
          throw new IllegalStateException("bug");
        }
      };

  private Path start() throws IOException {
    Path socket = dir.resolve("control.sock");
    servers.add(ControlServer.start(socket, List.of(ECHO, REFUSE, BROKEN), 300));
    return socket;
  }

  @AfterEach
  void stop() {
    servers.forEach(ControlServer::close);
  }

  /** Sends raw bytes, half-closes, and returns everything the server wrote back. */
  private static String raw(Path socket, byte[] request) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(request);
      try {
        while (out.hasRemaining()) {
          channel.write(out);
        }
        channel.shutdownOutput();
      } catch (IOException e) {
        // The server may reply and close before reading everything (an oversized line).
      }
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      ByteBuffer in = ByteBuffer.allocate(4096);
      while (channel.read(in) >= 0) {
        reply.write(in.array(), 0, in.position());
        in.clear();
      }
      return reply.toString(StandardCharsets.UTF_8);
    }
  }

  @Test
  void argumentsArriveExactlyAsSentWhateverTheyContain() throws Exception {
    Path socket = start();
    List<String> args =
        List.of("plain", "two words", "line\nbreak", "100%", "caf\u00e9 \ud83d\ude00", "a|b");
    assertEquals(
        "plain|two words|line\\nbreak|100%|caf\u00e9 \ud83d\ude00|a|b",
        ControlClient.send(socket, "echo", args));
    assertEquals("", ControlClient.send(socket, "echo", List.of()));
  }

  @Test
  void refusalsAndUnknownCommandsAreErrWithTheirMessage() throws Exception {
    Path socket = start();
    ControlException refused =
        assertThrows(
            ControlException.class, () -> ControlClient.send(socket, "refuse", List.of("x")));
    assertEquals("no: 1 args", refused.getMessage());
    ControlException unknown =
        assertThrows(ControlException.class, () -> ControlClient.send(socket, "nope", List.of()));
    assertTrue(unknown.getMessage().startsWith("unknown command 'nope'; known: "));
    assertTrue(unknown.getMessage().contains("echo"));
  }

  @Test
  void aCommandThatThrowsIsReportedAndTheServerCarriesOn() throws Exception {
    Path socket = start();
    ControlException error =
        assertThrows(ControlException.class, () -> ControlClient.send(socket, "broken", List.of()));
    assertEquals("internal error in broken: IllegalStateException", error.getMessage());
    assertEquals("still", ControlClient.send(socket, "echo", List.of("still")));
  }

  @Test
  void hostileLinesGetErrAndNeverStopTheServer() throws Exception {
    Path socket = start();
    byte[][] hostile = {
      "\n".getBytes(StandardCharsets.US_ASCII),
      "echo  a\n".getBytes(StandardCharsets.US_ASCII),
      "echo a \n".getBytes(StandardCharsets.US_ASCII),
      "echo %4\n".getBytes(StandardCharsets.US_ASCII),
      "echo %zz\n".getBytes(StandardCharsets.US_ASCII),
      "echo %FF\n".getBytes(StandardCharsets.US_ASCII),
      "echo a/b\n".getBytes(StandardCharsets.US_ASCII),
      "ECHO a\n".getBytes(StandardCharsets.US_ASCII),
      {'e', 'c', 'h', 'o', ' ', 0, '\n'},
      {(byte) 0xff, (byte) 0xfe, '\n'},
      "echo \u00e9\n".getBytes(StandardCharsets.UTF_8),
    };
    for (byte[] request : hostile) {
      String reply = raw(socket, request);
      assertTrue(
          reply.startsWith("ERR ")
              && reply.endsWith("\n")
              && reply.indexOf('\n') == reply.length() - 1,
          () -> Arrays.toString(request) + " -> " + reply);
    }
    assertEquals("OK a b\n", raw(socket, "echo a%20b\r\n".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("fine", ControlClient.send(socket, "echo", List.of("fine")));
  }

  @Test
  void anOversizedLineIsRefusedWithoutReadingItAll() throws Exception {
    Path socket = start();
    byte[] huge = new byte[1024 * 1024];
    Arrays.fill(huge, (byte) 'a');
    assertEquals("ERR request too long\n", raw(socket, huge));
    byte[] justFits = ("echo " + "b".repeat(ControlLine.MAX_LENGTH - 5) + "\n").getBytes();
    assertTrue(raw(socket, justFits).startsWith("OK bbb"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ControlClient.send(socket, "echo", List.of("c".repeat(ControlLine.MAX_LENGTH))));
  }

  @Test
  void aSilentClientIsCutOffAndOthersAreServed() throws Exception {
    Path socket = start();
    try (SocketChannel silent = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
      assertEquals("ok", ControlClient.send(socket, "echo", List.of("ok")));
      ByteBuffer in = ByteBuffer.allocate(16);
      // The server closes the connection after its read timeout (300 ms here): end of stream.
      assertEquals(-1, silent.read(in));
    }
  }

  @Test
  void concurrentClientsEachGetTheirOwnReply() throws Exception {
    Path socket = start();
    ExecutorService clients = Executors.newFixedThreadPool(12);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int c = 0; c < 12; c++) {
        int client = c;
        results.add(
            clients.submit(
                () -> {
                  int good = 0;
                  for (int i = 0; i < 25; i++) {
                    String id = client + " " + i;
                    String reply = sendRetryingWhenBusy(socket, id);
                    if (reply.equals(id)) {
                      good++;
                    }
                  }
                  return good;
                }));
      }
      for (Future<Integer> result : results) {
        assertEquals(25, result.get());
      }
    } finally {
      clients.shutdownNow();
    }
  }

  private static String sendRetryingWhenBusy(Path socket, String id) throws Exception {
    for (int attempt = 0; ; attempt++) {
      try {
        return ControlClient.send(socket, "echo", List.of(id));
      } catch (ControlException e) {
        if (!e.getMessage().startsWith("busy") || attempt > 50) {
          throw e;
        }
        Thread.onSpinWait();
      }
    }
  }

  @Test
  void theSocketIsGroupReadableAndWritableOnly() throws Exception {
    Path socket = start();
    assertEquals(
        PosixFilePermissions.fromString("rw-rw----"), Files.getPosixFilePermissions(socket));
    try (var entries = Files.list(dir)) {
      assertEquals(List.of(socket), entries.toList(), "no temporary directory left behind");
    }
  }

  @Test
  void aStaleSocketFileIsReplaced() throws Exception {
    Path socket = dir.resolve("control.sock");
    // Bound and closed without unlinking: what a process killed with SIGKILL leaves behind.
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close();
    assertTrue(Files.exists(socket));
    servers.add(ControlServer.start(socket, List.of(ECHO)));
    assertEquals("alive", ControlClient.send(socket, "echo", List.of("alive")));
  }

  @Test
  void aLiveServerIsNeverReplaced() throws Exception {
    Path socket = start();
    assertThrows(
        FileAlreadyExistsException.class, () -> ControlServer.start(socket, List.of(ECHO)));
    assertEquals("first", ControlClient.send(socket, "echo", List.of("first")));
  }

  @Test
  void aRegularFileInTheWayIsLeftAlone() throws Exception {
    Path socket = dir.resolve("control.sock");
    Files.writeString(socket, "precious");
    assertThrows(
        FileAlreadyExistsException.class, () -> ControlServer.start(socket, List.of(ECHO)));
    assertEquals("precious", Files.readString(socket));
  }

  @Test
  void closingRemovesTheSocketAndClientsThenFailToConnect() throws Exception {
    Path socket = start();
    servers.remove(0).close();
    assertFalse(Files.exists(socket));
    assertThrows(IOException.class, () -> ControlClient.send(socket, "echo", List.of("x")));
  }

  @Test
  void duplicateOrInvalidCommandNamesAreRejectedAtStart() {
    Path socket = dir.resolve("control.sock");
    assertThrows(
        IllegalArgumentException.class, () -> ControlServer.start(socket, List.of(ECHO, ECHO)));
    assertFalse(Files.exists(socket));
  }
}
