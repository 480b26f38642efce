package org.classgate.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Sends one request to a {@link ControlServer} and returns its reply. Stateless, thread-safe. */
public final class ControlClient {
  /** The longest reply accepted: above the server's own limit, so a reply is never cut. */
  private static final int MAX_REPLY_BYTES = 4 * ControlServer.MAX_REPLY + 16;

  private ControlClient() {}

  /**
   * Sends {@code command} with {@code args} and waits for the reply.
   *
   * @return the text after {@code OK }
   * @throws ControlException with the server's text, if it replied {@code ERR}
   * @throws IOException if nobody answers on {@code socket} (the box is not running), the
   *     connection breaks, or the reply is not a protocol line
   * @throws IllegalArgumentException for an invalid command word, an empty argument or a request
   *     over {@link ControlLine#MAX_LENGTH} bytes
   */
  public static String send(Path socket, String command, List<String> args)
      throws IOException, ControlException {
    String request = ControlLine.encode(command, args) + "\n";
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
      while (out.hasRemaining()) {
        channel.write(out);
      }
      String reply = readReply(channel);
      if (reply.startsWith("OK ") || reply.equals("OK")) {
        return reply.length() > 3 ? reply.substring(3) : "";
      }
      if (reply.startsWith("ERR ")) {
        throw new ControlException(reply.substring(4));
      }
      throw new IOException("not a control reply: '" + reply + "'");
    }
  }

  private static String readReply(SocketChannel channel) throws IOException {
    ByteArrayOutputStream reply = new ByteArrayOutputStream();
    ByteBuffer buffer = ByteBuffer.allocate(8192);
    while (channel.read(buffer) >= 0) {
      buffer.flip();
      while (buffer.hasRemaining()) {
        byte b = buffer.get();
        if (b == '\n') {
          return reply.toString(StandardCharsets.UTF_8);
        }
        reply.write(b);
      }
      buffer.clear();
      if (reply.size() > MAX_REPLY_BYTES) {
        throw new IOException("control reply longer than " + MAX_REPLY_BYTES + " bytes");
      }
    }
    throw new IOException("the control connection closed before a reply line");
  }
}
