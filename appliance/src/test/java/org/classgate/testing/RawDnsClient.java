package org.classgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Sends bytes a well-behaved client never would (truncated headers, lying length fields, pipelined
 * TCP queries) to a server on 127.0.0.1 and returns whatever comes back, so tests can prove a
 * server answers or ignores garbage without crashing.
 *
 * <p>Stateless and thread-safe; every call opens and closes its own socket.
 */
public final class RawDnsClient {
  /** The largest UDP payload a reply can have (RFC 6891 allows up to 65535 bytes). */
  private static final int MAX_UDP = 65535;

  private RawDnsClient() {}

  /**
   * Sends {@code payload} in one UDP datagram and waits for one reply.
   *
   * @param payload any bytes, sent as they are (may be empty)
   * @return the reply's bytes, or empty if none arrived before {@code timeout} or the port was
   *     closed (ICMP port unreachable)
   */
  public static Optional<byte[]> udp(int port, byte[] payload, Duration timeout) {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback(), 0))) {
      socket.connect(loopback(), port);
      socket.setSoTimeout(timeoutMillis(timeout));
      socket.send(new DatagramPacket(payload, payload.length));
      byte[] buffer = new byte[MAX_UDP];
      DatagramPacket reply = new DatagramPacket(buffer, buffer.length);
      socket.receive(reply);
      return Optional.of(Arrays.copyOf(buffer, reply.getLength()));
    } catch (SocketTimeoutException | PortUnreachableException noReply) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("UDP exchange with 127.0.0.1:" + port + " failed", e);
    }
  }

  /**
   * Opens one TCP connection, writes every message with its two-byte length prefix (RFC 1035
   * section 4.2.2) without waiting between them (pipelining, RFC 7766 section 6.2.1.1), then reads
   * length-prefixed replies until as many as were sent arrived, the server closed the connection or
   * {@code timeout} passed (measured from the start of the call).
   *
   * @return the replies in the order they arrived (RFC 7766 allows any order); possibly fewer than
   *     sent
   * @throws UncheckedIOException if the connection cannot be opened
   */
  public static List<byte[]> tcpPipelined(int port, List<byte[]> messages, Duration timeout) {
    ByteArrayOutputStream framed = new ByteArrayOutputStream();
    for (byte[] message : messages) {
      if (message.length > 0xFFFF) {
        throw new IllegalArgumentException("a TCP DNS message is at most 65535 bytes");
      }
      framed.write(message.length >>> 8);
      framed.write(message.length & 0xFF);
      framed.writeBytes(message);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    List<byte[]> replies = new ArrayList<>();
    try (Socket socket = connect(port, timeout)) {
      OutputStream out = socket.getOutputStream();
      out.write(framed.toByteArray());
      out.flush();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      while (replies.size() < messages.size()) {
        int remaining = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (deadline - System.nanoTime() <= 0) {
          break;
        }
        socket.setSoTimeout(remaining);
        int length = in.readUnsignedShort();
        byte[] reply = new byte[length];
        in.readFully(reply);
        replies.add(reply);
      }
    } catch (SocketTimeoutException | EOFException stopped) {
      // The server stopped answering or closed the connection: return what arrived.
    } catch (IOException e) {
      if (replies.isEmpty() && !isReset(e)) {
        throw new UncheckedIOException("TCP exchange with 127.0.0.1:" + port + " failed", e);
      }
    }
    return replies;
  }

  /**
   * Writes {@code bytes} to a fresh TCP connection exactly as given (no length prefix added, so a
   * test can send a lying prefix or half a message), then reads until the server closes the
   * connection or {@code timeout} passes.
   *
   * @return everything the server sent, possibly nothing
   */
  public static byte[] tcpRaw(int port, byte[] bytes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    try (Socket socket = connect(port, timeout)) {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (deadline - System.nanoTime() > 0) {
        socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        int read = in.read(buffer);
        if (read < 0) {
          break;
        }
        received.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException timedOut) {
      // The connection stayed open and silent until the deadline.
    } catch (IOException e) {
      if (!isReset(e)) {
        throw new UncheckedIOException("TCP exchange with 127.0.0.1:" + port + " failed", e);
      }
    }
    return received.toByteArray();
  }

  /**
   * Builds a minimal well-formed query (RFC 1035 section 4.1): one question, class IN, RD set, no
   * EDNS. Handy as the valid message between malformed ones.
   *
   * @param id the 16-bit message ID
   * @param name a dotted name, with or without the trailing dot; labels of 1 to 63 ASCII bytes
   * @param type the numeric QTYPE (1 = A, 16 = TXT, 28 = AAAA …)
   */
  public static byte[] query(int id, String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(id >>> 8 & 0xFF);
    out.write(id & 0xFF);
    out.write(0x01); // RD
    out.write(0x00);
    out.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0}); // QDCOUNT 1, others 0
    String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    if (!trimmed.isEmpty()) {
      for (String label : trimmed.split("\\.", -1)) {
        byte[] bytes = label.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length < 1 || bytes.length > 63) {
          throw new IllegalArgumentException("label of " + bytes.length + " bytes in " + name);
        }
        out.write(bytes.length);
        out.writeBytes(bytes);
      }
    }
    out.write(0);
    out.write(type >>> 8 & 0xFF);
    out.write(type & 0xFF);
    out.write(0);
    out.write(1); // class IN
    return out.toByteArray();
  }

  /** The 16-bit ID of a message, for matching pipelined replies to their queries. */
  public static int id(byte[] message) {
    if (message.length < 2) {
      throw new IllegalArgumentException("message of " + message.length + " bytes has no ID");
    }
    return (message[0] & 0xFF) << 8 | message[1] & 0xFF;
  }

  /** The RCODE of a message (low four bits of header byte 3, RFC 1035 section 4.1.1). */
  public static int rcode(byte[] message) {
    if (message.length < 4) {
      throw new IllegalArgumentException("message of " + message.length + " bytes has no RCODE");
    }
    return message[3] & 0x0F;
  }

  private static Socket connect(int port, Duration timeout) throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(loopback(), port), timeoutMillis(timeout));
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  private static boolean isReset(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("reset") || message.contains("Broken pipe");
  }

  private static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  private static int timeoutMillis(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
  }
}
