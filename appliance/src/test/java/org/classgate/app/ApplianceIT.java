package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole appliance as {@code scripts/classgate run} builds it, queried with the real {@code dig}
 * and forwarding to a real unbound on loopback.
 */
class ApplianceIT {
  /** A short TTL so the test can let it expire by stepping the clock. */
  private static final String SHORT_NAME = "short.test";

  @TempDir Path dir;

  private UnboundUpstream upstream;
  private Appliance appliance;
  private int port;

  /** Added to the real monotonic clock: lets the test move time forward without sleeping. */
  private final AtomicLong skewNanos = new AtomicLong();

  @BeforeEach
  void start() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    upstream =
        UnboundUpstream.builder()
            .localData(SHORT_NAME + ". 2 IN A 192.0.2.30")
            .localData("forcesafesearch.google.com. 300 IN A 216.239.38.120")
            .start();
    Path list = dir.resolve("gambling.txt");
    Files.writeString(list, "# test list\nbet.example\nCASINO.example.\n0.0.0.0 poker.example\n");
    port = FreePorts.udpAndTcp();
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream.address());
    raw.put("dns.upstream.timeout", "300ms");
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("dns.block-address", "10.9.9.9");
    raw.put("dns.cache.serve-stale", "1h");
    raw.put("lists.gambling", list.toString());
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "gambling,demo");
    raw.put("profile.pupil.safesearch", "strict");
    ApplianceConfig config =
        ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("no-resolv.conf")));
    appliance =
        Appliance.start(config, Clock.systemUTC(), () -> System.nanoTime() + skewNanos.get());
  }

  @AfterEach
  void stop() {
    if (appliance != null) {
      appliance.close();
    }
    if (upstream != null) {
      upstream.close();
    }
  }

  @Test
  void anAllowedNameResolvesThroughTheUpstreamAndThenFromTheCache() {
    DigResult first = Dig.at(port).query("www.allowed.test");
    assertEquals("NOERROR", first.status(), first::raw);
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), first.answerData("A"));

    DigResult second = Dig.at(port).query("WWW.Allowed.TEST");
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), second.answerData("A"), second::raw);
    assertTrue(second.raw().contains("WWW.Allowed.TEST."), "question echoed as asked");
    assertEquals(1, appliance.counters().get(Outcome.CACHED));
  }

  @Test
  void aBlockedNameAndItsSubdomainsAreBlocked() {
    for (String name : List.of("bet.example", "www.bet.example", "a.b.casino.example")) {
      DigResult result = Dig.at(port).query(name);
      assertEquals("NOERROR", result.status(), result::raw);
      assertEquals(List.of("10.9.9.9"), result.answerData("A"), result::raw);
    }
    DigResult mx = Dig.at(port).query("poker.example", "MX");
    assertEquals("NXDOMAIN", mx.status(), mx::raw);
    DigResult demo = Dig.at(port).query("www.demo-blocked.classgate.test");
    assertEquals(List.of("10.9.9.9"), demo.answerData("A"), demo::raw);
    // A name that merely ends in the same letters is not a subdomain.
    DigResult lookalike = Dig.at(port).query("notbet.example");
    assertFalse(lookalike.answerData("A").contains("10.9.9.9"), lookalike::raw);
    assertEquals(5, appliance.counters().get(Outcome.BLOCKED));
  }

  @Test
  void googleIsForcedIntoSafeSearchWithTheTargetResolvedInTheSameAnswer() {
    DigResult result = Dig.at(port).query("www.Google.co.uk");
    assertEquals("NOERROR", result.status(), result::raw);
    assertEquals(List.of("forcesafesearch.google.com."), result.answerData("CNAME"), result::raw);
    assertEquals(List.of("216.239.38.120"), result.answerData("A"), result::raw);
    assertEquals(1, appliance.counters().get(Outcome.SAFESEARCH));
  }

  @Test
  void theFirefoxCanaryIsNxdomain() {
    DigResult result = Dig.at(port).query("use-application-dns.net");
    assertEquals("NXDOMAIN", result.status(), result::raw);
  }

  @Test
  void tcpWorksAndALargeAnswerIsTruncatedOnUdpButCompleteOnTcp() {
    DigResult udp = Dig.at(port).bufsize(1232).query(UnboundUpstream.LARGE_TXT_NAME, "TXT");
    assertTrue(udp.hasFlag("tc"), udp::raw);
    assertTrue(udp.answers().isEmpty(), udp::raw);

    DigResult tcp = Dig.at(port).tcp().query(UnboundUpstream.LARGE_TXT_NAME, "TXT");
    assertEquals("NOERROR", tcp.status(), tcp::raw);
    assertFalse(tcp.hasFlag("tc"), tcp::raw);
    assertEquals(UnboundUpstream.LARGE_TXT_COUNT, tcp.answerData("TXT").size(), tcp::raw);

    DigResult blockedOverTcp = Dig.at(port).tcp().query("bet.example");
    assertEquals(List.of("10.9.9.9"), blockedOverTcp.answerData("A"), blockedOverTcp::raw);
  }

  @Test
  void upstreamDownServesStaleThenServfailThenRecovers() {
    DigResult fresh = Dig.at(port).query(SHORT_NAME);
    assertEquals(List.of("192.0.2.30"), fresh.answerData("A"), fresh::raw);

    upstream.stop();
    skewNanos.addAndGet(Duration.ofSeconds(5).toNanos());
    DigResult stale = Dig.at(port).query(SHORT_NAME);
    assertEquals("NOERROR", stale.status(), stale::raw);
    assertEquals(List.of("192.0.2.30"), stale.answerData("A"), stale::raw);
    assertEquals(30, stale.answers().get(0).ttl(), "RFC 8767 stale answer TTL");
    assertEquals(1, appliance.counters().get(Outcome.STALE));

    skewNanos.addAndGet(Duration.ofHours(2).toNanos());
    DigResult tooOld = Dig.at(port).query(SHORT_NAME);
    assertEquals("SERVFAIL", tooOld.status(), tooOld::raw);
    DigResult neverSeen = Dig.at(port).query("other.allowed.test");
    assertEquals("SERVFAIL", neverSeen.status(), neverSeen::raw);

    upstream.start();
    skewNanos.addAndGet(Duration.ofMinutes(1).toNanos()); // past the failed upstream's back-off
    DigResult recovered = Dig.at(port).query("other.allowed.test");
    assertEquals(
        List.of(UnboundUpstream.ALLOWED_ADDRESS), recovered.answerData("A"), recovered::raw);
  }
}
