package org.classgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DigIT {
  private static UnboundUpstream server;

  @BeforeAll
  static void startServer() {
    assumeTrue(Dig.isInstalled(), "dig is not installed: apt-get install dnsutils");
    assumeTrue(UnboundUpstream.isInstalled(), "unbound is not installed: apt-get install unbound");
    server = UnboundUpstream.builder().localData("host.example.net. 42 IN A 192.0.2.42").start();
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void parsesStatusFlagsRecordsAndEdnsSize() {
    DigResult result = Dig.at(server.port()).bufsize(1232).query("host.example.net");

    assertEquals("NOERROR", result.status());
    assertTrue(result.flags().containsAll(List.of("qr", "aa", "rd", "ra")), result.raw());
    assertFalse(result.hasFlag("tc"));
    assertEquals(
        List.of(new DigRecord("host.example.net.", 42, "A", "192.0.2.42")), result.answers());
    assertEquals(OptionalInt.of(1232), result.ednsUdpSize(), result.raw());
  }

  @Test
  void reportsNoOptRecordWhenQueriedWithoutEdns() {
    DigResult result = Dig.at(server.port()).noEdns().query("host.example.net");

    assertEquals(OptionalInt.empty(), result.ednsUdpSize(), result.raw());
    assertEquals(List.of("192.0.2.42"), result.answerData("A"));
  }

  @Test
  void queriesOverTcpAndPassesExtraOptions() {
    // Local data is answered without recursion, so +norec still gets the record.
    DigResult result = Dig.at(server.port()).tcp().option("+norec").query("host.example.net");

    assertEquals("NOERROR", result.status(), result.raw());
    assertFalse(result.hasFlag("rd"), result.raw());
    assertEquals(List.of("192.0.2.42"), result.answerData("A"));
  }

  @Test
  void reportsNoResponseWhenNothingListens() {
    int silentPort = FreePorts.udpAndTcp();

    DigResult result = Dig.at(silentPort).query("host.example.net");

    assertFalse(result.responded(), result.raw());
    assertEquals(DigResult.NO_RESPONSE, result.status());
    assertTrue(result.answers().isEmpty());
  }
}
