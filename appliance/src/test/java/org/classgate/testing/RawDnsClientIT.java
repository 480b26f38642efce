package org.classgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

class RawDnsClientIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final int TYPE_A = 1;
  private static UnboundUpstream server;

  @BeforeAll
  static void startServer() {
    assumeTrue(UnboundUpstream.isInstalled(), "unbound is not installed: apt-get install unbound");
    server = UnboundUpstream.startDefault();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void exchangesAWellFormedQueryOverUdp() throws Exception {
    byte[] query = RawDnsClient.query(0x1234, "a." + UnboundUpstream.ALLOWED_ZONE, TYPE_A);

    byte[] reply = RawDnsClient.udp(server.port(), query, TIMEOUT).orElseThrow();

    // dnsjava is the independent oracle for the bytes the fixture built and received.
    Message message = new Message(reply);
    assertEquals(0x1234, RawDnsClient.id(reply));
    assertEquals(Rcode.NOERROR, RawDnsClient.rcode(reply));
    ARecord answer = (ARecord) message.getSection(Section.ANSWER).get(0);
    assertEquals(UnboundUpstream.ALLOWED_ADDRESS, answer.getAddress().getHostAddress());
  }

  @Test
  void returnsTheServersReplyToAHeaderWithoutItsQuestion() {
    byte[] query = RawDnsClient.query(0x4242, "a.test", TYPE_A);
    byte[] headerOnly = java.util.Arrays.copyOf(query, 12);

    byte[] reply = RawDnsClient.udp(server.port(), headerOnly, TIMEOUT).orElseThrow();

    assertEquals(0x4242, RawDnsClient.id(reply));
    assertEquals(Rcode.FORMERR, RawDnsClient.rcode(reply));
  }

  @Test
  void returnsEmptyWhenTheServerIgnoresGarbage() {
    Optional<byte[]> reply = RawDnsClient.udp(server.port(), new byte[] {1, 2, 3}, TIMEOUT);

    assertTrue(reply.isEmpty());
  }

  @Test
  void returnsEmptyWhenNothingListens() {
    byte[] query = RawDnsClient.query(1, "a.test", TYPE_A);

    assertTrue(RawDnsClient.udp(FreePorts.udpAndTcp(), query, TIMEOUT).isEmpty());
  }

  @Test
  void pipelinesSeveralQueriesOnOneTcpConnection() {
    List<byte[]> queries =
        List.of(
            RawDnsClient.query(101, "p1." + UnboundUpstream.ALLOWED_ZONE, TYPE_A),
            RawDnsClient.query(102, UnboundUpstream.MISSING_NAME, TYPE_A),
            RawDnsClient.query(103, UnboundUpstream.LARGE_TXT_NAME, 16));

    List<byte[]> replies = RawDnsClient.tcpPipelined(server.port(), queries, TIMEOUT);

    Set<Integer> ids = replies.stream().map(RawDnsClient::id).collect(Collectors.toSet());
    assertEquals(Set.of(101, 102, 103), ids);
    for (byte[] reply : replies) {
      int expected = RawDnsClient.id(reply) == 102 ? Rcode.NXDOMAIN : Rcode.NOERROR;
      assertEquals(expected, RawDnsClient.rcode(reply));
    }
  }

  @Test
  void returnsNothingWhenALengthPrefixPromisesMoreThanIsSent() {
    byte[] query = RawDnsClient.query(7, "a.test", TYPE_A);
    byte[] lying = new byte[2 + query.length];
    lying[0] = 0x01; // claims 256 + ... bytes; fewer follow
    lying[1] = 0x00;
    System.arraycopy(query, 0, lying, 2, query.length);

    byte[] received = RawDnsClient.tcpRaw(server.port(), lying, Duration.ofMillis(500));

    assertEquals(0, received.length);
  }
}
