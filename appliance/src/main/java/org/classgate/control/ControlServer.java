package org.classgate.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.tinylog.TaggedLogger;

/**
 * Serves {@link ControlCommand}s on a Unix-domain socket (mode 0660). Each connection sends one
 * request line ({@link ControlLine}) and gets one reply line, {@code OK <text>} or {@code ERR
 * <text>}, then the server closes it. A client that sends nothing, too much or garbage gets an
 * {@code ERR} (or is cut off after {@link #READ_TIMEOUT_MILLIS}); nothing it sends can stop the
 * server. At most {@link #WORKERS} requests run at once, {@link #QUEUED} more wait; beyond that
 * clients are told the box is busy.
 *
 * <p>Thread-safe; {@link #close()} stops accepting, waits briefly for running commands and removes
 * the socket file.
 */
public final class ControlServer implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("control");

  static final int WORKERS = 4;
  static final int QUEUED = 32;
  static final long READ_TIMEOUT_MILLIS = 5_000;

  /** The longest reply sent: status texts are short; this only bounds a misbehaving command. */
  static final int MAX_REPLY = 60_000;

  private final Path socket;
  private final SocketFile.Bound bound;
  private final Map<String, ControlCommand> commands;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService deadlines;
  private final Thread acceptor;
  private final long readTimeoutMillis;

  private ControlServer(
      Path socket,
      SocketFile.Bound bound,
      Map<String, ControlCommand> commands,
      long readTimeoutMillis) {
    this.socket = socket;
    this.readTimeoutMillis = readTimeoutMillis;
    this.bound = bound;
    this.commands = commands;
    this.workers =
        new ThreadPoolExecutor(
            WORKERS,
            WORKERS,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(QUEUED),
            daemon("control-worker"));
    this.deadlines = Executors.newSingleThreadScheduledExecutor(daemon("control-deadline"));
    this.acceptor = daemon("control-accept").newThread(this::acceptLoop);
  }

  /**
   * Binds {@code socket} (replacing a stale file from a killed process) and starts serving.
   *
   * @throws IllegalArgumentException if two commands share a name or a name is not a command word
   * @throws java.nio.file.FileAlreadyExistsException if another process serves on {@code socket}
   */
  public static ControlServer start(Path socket, List<ControlCommand> commands) throws IOException {
    return start(socket, commands, READ_TIMEOUT_MILLIS);
  }

  /** As {@link #start(Path, List)}, cutting off clients that send no line within the timeout. */
  static ControlServer start(Path socket, List<ControlCommand> commands, long readTimeoutMillis)
      throws IOException {
    Map<String, ControlCommand> byName = new HashMap<>();
    for (ControlCommand command : commands) {
      if (!ControlLine.isCommandName(command.name())) {
        throw new IllegalArgumentException("not a command word: '" + command.name() + "'");
      }
      if (byName.put(command.name(), command) != null) {
        throw new IllegalArgumentException("two control commands are named " + command.name());
      }
    }
    ControlServer server =
        new ControlServer(socket, SocketFile.bind(socket), Map.copyOf(byName), readTimeoutMillis);
    server.acceptor.start();
    LOG.info("control socket listening on {} ({} commands)", socket, byName.size());
    return server;
  }

  public Path socket() {
    return socket;
  }

  private void acceptLoop() {
    while (true) {
      SocketChannel client;
      try {
        client = bound.channel().accept();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("control socket accept failed: {}", e.getMessage());
        if (!bound.channel().isOpen()) {
          return;
        }
        continue;
      }
      try {
        workers.execute(() -> serve(client));
      } catch (RejectedExecutionException e) {
        reply(client, "ERR busy: too many control requests at once, try again");
        closeQuietly(client);
      }
    }
  }

  private void serve(SocketChannel client) {
    ScheduledFuture<?> deadline =
        deadlines.schedule(() -> closeQuietly(client), readTimeoutMillis, TimeUnit.MILLISECONDS);
    try {
      byte[] line;
      try {
        line = readLine(client);
      } finally {
        deadline.cancel(false);
      }
      reply(client, line == null ? "ERR request too long" : answer(line));
    } catch (AsynchronousCloseException e) {
      LOG.debug("control client sent no complete line within {} ms", readTimeoutMillis);
    } catch (IOException e) {
      LOG.debug("control client went away: {}", e.getMessage());
    } finally {
      closeQuietly(client);
    }
  }

  /**
   * Reads up to the first newline; null if more than {@link ControlLine#MAX_LENGTH} bytes came
   * without one. End of stream ends the line too (a client may half-close instead).
   */
  private static byte[] readLine(SocketChannel client) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(ControlLine.MAX_LENGTH + 2);
    while (buffer.hasRemaining()) {
      int start = buffer.position();
      if (client.read(buffer) < 0) {
        break;
      }
      for (int i = start; i < buffer.position(); i++) {
        if (buffer.get(i) == '\n') {
          return trimmed(buffer.array(), i);
        }
      }
    }
    if (!buffer.hasRemaining()) {
      return null;
    }
    return trimmed(buffer.array(), buffer.position());
  }

  private static byte[] trimmed(byte[] bytes, int end) {
    if (end > 0 && bytes[end - 1] == '\r') {
      end--;
    }
    return java.util.Arrays.copyOf(bytes, end);
  }

  private String answer(byte[] line) {
    String name = "?";
    try {
      ControlLine.Request request = ControlLine.parse(line, line.length);
      name = request.command();
      ControlCommand command = commands.get(name);
      if (command == null) {
        throw new ControlException(
            "unknown command '" + name + "'; known: " + String.join(", ", commands.keySet()));
      }
      return "OK " + java.util.Objects.toString(command.run(request.args()), "");
    } catch (ControlException e) {
      return "ERR " + e.getMessage();
    } catch (RuntimeException e) {
      LOG.error(e, "control command {} failed", name);
      return "ERR internal error in " + name + ": " + e.getClass().getSimpleName();
    }
  }

  private static void reply(SocketChannel client, String text) {
    String line = oneLine(text);
    ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (bytes.hasRemaining()) {
        client.write(bytes);
      }
    } catch (IOException e) {
      LOG.debug("could not reply to a control client: {}", e.getMessage());
    }
  }

  /** Line breaks and other control characters become spaces: the reply is exactly one line. */
  static String oneLine(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_REPLY));
    for (int i = 0; i < text.length() && out.length() < MAX_REPLY; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7f ? ' ' : c);
    }
    return out.toString();
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("closing a control connection: {}", e.getMessage());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  @Override
  public void close() {
    try {
      bound.channel().close();
    } catch (IOException e) {
      LOG.warn("closing the control socket: {}", e.getMessage());
    }
    workers.shutdown();
    try {
      if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
      acceptor.join(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deadlines.shutdownNow();
    SocketFile.release(socket.toAbsolutePath(), bound.fileKey());
  }
}
