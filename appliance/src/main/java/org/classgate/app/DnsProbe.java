package org.classgate.app;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BooleanSupplier;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Whether the box's own DNS listener answers: one UDP query to it, as a client would send. The
 * query is {@code ANY watchdog.classgate.invalid.}, which the chain's query guard answers itself
 * (RFC 8482 minimal answer) before the activity log, the policy and the upstreams: so the probe
 * proves the listener and the chain's executor are alive, fills no teacher's activity view, and
 * does not fail when the school's internet does. Any reply with the query's id counts (a REFUSED
 * from a configuration that leaves out loopback still proves the listener runs). Thread-safe.
 */
final class DnsProbe implements BooleanSupplier {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");
  private static final Name PROBE_NAME = probeName();
  private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

  private final InetSocketAddress target;
  private final Duration timeout;

  DnsProbe(InetSocketAddress target, Duration timeout) {
    this.target = target;
    this.timeout = timeout;
  }

  /**
   * A probe of the first of {@code listening}: a wildcard address ({@code 0.0.0.0}, {@code ::}) is
   * asked on the loopback address of its family, which it also covers.
   */
  static DnsProbe of(List<InetSocketAddress> listening, Duration timeout) {
    InetSocketAddress first = listening.get(0);
    InetAddress address = first.getAddress();
    if (address.isAnyLocalAddress()) {
      address = address instanceof Inet6Address ? IPV6_LOOPBACK : InetAddress.getLoopbackAddress();
    }
    return new DnsProbe(new InetSocketAddress(address, first.getPort()), timeout);
  }

  private static Name probeName() {
    try {
      return Name.of("watchdog.classgate.invalid");
    } catch (WireFormatException e) {
      throw new IllegalStateException("a valid constant name", e);
    }
  }

  private static InetAddress ipv6Loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
    } catch (IOException e) {
      throw new IllegalStateException("16 bytes are an IPv6 address", e);
    }
  }

  InetSocketAddress target() {
    return target;
  }

  @Override
  public boolean getAsBoolean() {
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    try (DatagramSocket socket = new DatagramSocket()) {
      byte[] query = query(id);
      socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
      socket.send(new DatagramPacket(query, query.length, target));
      long deadline = System.nanoTime() + timeout.toNanos();
      DatagramPacket reply = new DatagramPacket(new byte[1232], 1232);
      // Skip anything that is not the reply to this query (a late reply to an earlier probe).
      while (System.nanoTime() < deadline) {
        socket.receive(reply);
        byte[] bytes = Arrays.copyOf(reply.getData(), reply.getLength());
        if (isReplyTo(bytes, id)) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException e) {
      LOG.warn("the DNS listener on {} did not answer within {} ms", target, timeout.toMillis());
      return false;
    } catch (IOException | WireFormatException e) {
      LOG.warn("cannot probe the DNS listener on {}: {}", target, e.getMessage());
      return false;
    }
  }

  static byte[] query(int id) throws WireFormatException {
    Question question = new Question(PROBE_NAME, RecordType.ANY, RecordType.CLASS_IN);
    return new Message(id, 0, question, List.of(), List.of(), List.of(), null).toWire();
  }

  /** A DNS response (QR set) carrying {@code id}; RFC 1035 §4.1.1. */
  static boolean isReplyTo(byte[] reply, int id) {
    return reply.length >= Message.HEADER_LENGTH
        && ((reply[0] & 0xff) << 8 | (reply[1] & 0xff)) == id
        && (reply[2] & 0x80) != 0;
  }
}
