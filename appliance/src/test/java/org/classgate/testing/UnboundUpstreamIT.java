package org.classgate.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class UnboundUpstreamIT {
  private static UnboundUpstream upstream;

  @BeforeAll
  static void startUpstream() {
    assumeTrue(UnboundUpstream.isInstalled(), "unbound is not installed: apt-get install unbound");
    assumeTrue(Dig.isInstalled(), "dig is not installed: apt-get install dnsutils");
    upstream =
        UnboundUpstream.builder()
            .localData("extra.test. 120 IN A 192.0.2.77")
            .localData("note.test. 60 IN TXT \"hello world\"")
            .localData("www.example.org. 300 IN A 192.0.2.88")
            .logQueries()
            .start();
  }

  @AfterAll
  static void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void answersEveryNameUnderTheAllowedZone() {
    DigResult result = Dig.at(upstream.port()).query("n4711." + UnboundUpstream.ALLOWED_ZONE);

    assertEquals("NOERROR", result.status(), result.raw());
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), result.answerData("A"), result.raw());
    assertTrue(result.hasFlag("ra"), result.raw());
  }

  @Test
  void followsTheCnameChainToTheAddress() {
    DigResult result = Dig.at(upstream.port()).query(UnboundUpstream.CNAME_CHAIN_NAME);

    assertEquals("NOERROR", result.status(), result.raw());
    List<String> owners = result.answers().stream().map(DigRecord::name).toList();
    assertEquals(UnboundUpstream.CNAME_CHAIN, owners, result.raw());
    assertEquals(List.of("chain1.test.", "chain2.test."), result.answerData("CNAME"));
    assertEquals(List.of(UnboundUpstream.CNAME_CHAIN_ADDRESS), result.answerData("A"));
  }

  @Test
  void truncatesTheLargeAnswerOverUdpAndSendsItWholeOverTcp() {
    DigResult udp =
        Dig.at(upstream.port()).bufsize(512).query(UnboundUpstream.LARGE_TXT_NAME, "TXT");
    DigResult tcp = Dig.at(upstream.port()).tcp().query(UnboundUpstream.LARGE_TXT_NAME, "TXT");

    assertTrue(udp.hasFlag("tc"), udp.raw());
    assertTrue(udp.answers().isEmpty(), udp.raw());
    assertFalse(tcp.hasFlag("tc"), tcp.raw());
    assertEquals(UnboundUpstream.LARGE_TXT_COUNT, tcp.answerData("TXT").size(), tcp.raw());
  }

  @Test
  void truncatesTheManyAddressAnswerWithoutEdns() {
    DigResult result = Dig.at(upstream.port()).noEdns().query(UnboundUpstream.LARGE_A_NAME);

    assertTrue(result.hasFlag("tc"), result.raw());
    assertTrue(result.ednsUdpSize().isEmpty(), result.raw());
  }

  @Test
  void answersAMissingNameWithNxdomainAndTheSoaForNegativeCaching() {
    DigResult result = Dig.at(upstream.port()).query(UnboundUpstream.MISSING_NAME);

    assertEquals("NXDOMAIN", result.status(), result.raw());
    assertEquals(1, result.authority().size(), result.raw());
    DigRecord soa = result.authority().get(0);
    assertEquals("SOA", soa.type());
    assertEquals("test.", soa.name());
    // The upstream is shared by this class's tests: if another asked first, unbound answers from
    // its cache with the TTL counted down by the seconds since, never up.
    assertTrue(
        soa.ttl() <= UnboundUpstream.NEGATIVE_TTL && soa.ttl() >= UnboundUpstream.NEGATIVE_TTL - 5,
        result.raw());
  }

  @Test
  void servesTheTestsOwnRecords() {
    Dig dig = Dig.at(upstream.port());

    assertEquals(List.of("192.0.2.77"), dig.query("extra.test").answerData("A"));
    assertEquals(
        List.of("\"hello world\""),
        Dig.at(upstream.port()).query("note.test", "TXT").answerData("TXT"));
    DigResult outside = Dig.at(upstream.port()).query("www.example.org");
    assertEquals(List.of("192.0.2.88"), outside.answerData("A"), outside.raw());
    assertTrue(outside.hasFlag("aa"), outside.raw());
  }

  @Test
  void refusesNamesOutsideItsData() {
    DigResult result = Dig.at(upstream.port()).query("example.com");

    assertEquals("REFUSED", result.status(), result.raw());
  }

  @Test
  void logsTheQueriesItReceives() {
    String name = "counted." + UnboundUpstream.ALLOWED_ZONE;
    Dig.at(upstream.port()).query(name);
    Dig.at(upstream.port()).query(name);

    assertEquals(2, upstream.receivedCount(name, "A"), upstream.readLog());
  }

  @Test
  void goesDownAndComesBackOnTheSamePort() {
    int port = upstream.port();

    upstream.stop();
    DigResult whileDown = Dig.at(port).query("down." + UnboundUpstream.ALLOWED_ZONE);
    upstream.start();
    DigResult afterRestart = Dig.at(port).query("up." + UnboundUpstream.ALLOWED_ZONE);

    assertFalse(whileDown.responded(), whileDown.raw());
    assertEquals(port, upstream.port());
    assertTrue(upstream.isRunning());
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), afterRestart.answerData("A"));
  }
}
