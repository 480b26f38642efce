package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;

class DnsProbeTest {
  @Test
  void asksAWildcardListenerOnLoopback() throws Exception {
    DnsProbe v4 =
        DnsProbe.of(List.of(new InetSocketAddress("0.0.0.0", 5300)), Duration.ofSeconds(1));
    assertEquals(new InetSocketAddress("127.0.0.1", 5300), v4.target());
    DnsProbe v6 = DnsProbe.of(List.of(new InetSocketAddress("::", 5300)), Duration.ofSeconds(1));
    assertEquals(new InetSocketAddress("::1", 5300), v6.target());
    DnsProbe given =
        DnsProbe.of(List.of(new InetSocketAddress("192.0.2.1", 53)), Duration.ofSeconds(1));
    assertEquals(new InetSocketAddress("192.0.2.1", 53), given.target());
  }

  @Test
  void theProbeIsAnAnyQueryForAnInvalidName() throws Exception {
    Message query = Message.parse(DnsProbe.query(0x1234));
    assertEquals(0x1234, query.id());
    assertEquals(RecordType.ANY, query.question().type());
    assertEquals("watchdog.classgate.invalid.", query.question().name().toString());
  }

  @Test
  void answeredOnlyByAReplyWithTheQuerysId() {
    byte[] reply = new byte[12];
    reply[0] = 0x12;
    reply[1] = 0x34;
    reply[2] = (byte) 0x80;
    assertTrue(DnsProbe.isReplyTo(reply, 0x1234));
    assertFalse(DnsProbe.isReplyTo(reply, 0x1235));
    reply[2] = 0;
    assertFalse(DnsProbe.isReplyTo(reply, 0x1234), "a query is not a reply");
    assertFalse(DnsProbe.isReplyTo(new byte[3], 0), "too short");
  }

  @Test
  void aSilentListenerFailsTheProbeWithinItsTimeout() throws Exception {
    try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      DnsProbe probe =
          new DnsProbe(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()),
              Duration.ofMillis(200));
      long start = System.nanoTime();
      assertFalse(probe.getAsBoolean());
      assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    }
  }

  @Test
  void aListenerThatRepliesPassesTheProbe() throws Exception {
    try (DatagramSocket server = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      Thread echo =
          new Thread(
              () -> {
                try {
                  DatagramPacket packet = new DatagramPacket(new byte[512], 512);
                  server.receive(packet);
                  byte[] reply = Arrays.copyOf(packet.getData(), packet.getLength());
                  reply[2] |= (byte) 0x80; // QR: a response to it
                  server.send(new DatagramPacket(reply, reply.length, packet.getSocketAddress()));
                } catch (java.io.IOException e) {
                  // the probe then times out and the assertion below fails
                }
              });
      echo.start();
      DnsProbe probe =
          new DnsProbe(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
              Duration.ofSeconds(5));
      assertTrue(probe.getAsBoolean());
      echo.join(5000);
    }
  }
}
