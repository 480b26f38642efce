package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Outcome;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Profile;
import org.classgate.dns.cache.CacheSettings;
import org.classgate.dns.cache.DnsCache;
import org.classgate.dns.pipeline.ClientIdentity;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.pipeline.QueryGuard;
import org.classgate.dns.pipeline.StageChain;
import org.classgate.dns.server.DnsServer;
import org.classgate.dns.upstream.UpstreamResolver;
import org.classgate.dns.upstream.UpstreamSettings;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * CNAME cloaking in a real chain (guard → identity → locked lists → category policy → alias target
 * check → shared cache → upstream) behind the real listeners, asked with the real {@code dig},
 * forwarding to a real unbound that follows the chains itself and sends its answers with compressed
 * names, as upstreams do.
 */
class AliasTargetPolicyIT {
  private static final String BLOCK_ADDRESS = "192.0.2.80";
  private static final String CLOAKED_ADDRESS = "192.0.2.66";
  private static final String RENAMED_ADDRESS = "192.0.2.77";

  private static UnboundUpstream unbound;

  private final Categories categories = Categories.of(List.of("games"));
  private final int games = categories.bit("games");
  private final Categories lockedCategories = Categories.of(List.of("iwf"));
  private final int iwf = lockedCategories.bit("iwf");
  private final Profile pupil = new Profile("pupil", games);
  private final Profile staff = new Profile("staff", 0);

  /** The end of the canned chain and the DNAME's rewritten name are games; illegal.test locked. */
  private final DomainSet domains =
      new DomainSet.Builder().add("chain2.test", games).add("www.renamed.test", games).build();

  private final DomainSet locked = new DomainSet.Builder().add("illegal.test", iwf).build();
  private final BlockAnswer blockAnswer;

  private final OutcomeCounters counters = new OutcomeCounters();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private DnsCache cache;
  private UpstreamResolver upstream;

  AliasTargetPolicyIT() throws IOException {
    blockAnswer =
        new BlockAnswer(
            BlockAnswer.Mode.ADDRESS,
            (Inet4Address) InetAddress.getByName(BLOCK_ADDRESS),
            (Inet6Address) InetAddress.getByName("2001:db8::80"),
            30);
  }

  @BeforeAll
  static void startUnbound() {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    unbound =
        UnboundUpstream.builder()
            .localData("cloaked.test. 60 IN CNAME cdn.illegal.test.")
            .localData("cdn.illegal.test. 60 IN A " + CLOAKED_ADDRESS)
            .localData("old.test. 60 IN DNAME renamed.test.")
            .localData("www.renamed.test. 60 IN A " + RENAMED_ADDRESS)
            .logQueries()
            .start();
  }

  @AfterAll
  static void stopUnbound() {
    if (unbound != null) {
      unbound.close();
    }
  }

  @BeforeEach
  void buildSharedStages() {
    cache = new DnsCache(CacheSettings.defaults(), System::nanoTime);
    upstream =
        new UpstreamResolver(
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), unbound.port())),
            new UpstreamSettings(
                Duration.ofMillis(500), 64, Duration.ofSeconds(2), Duration.ofSeconds(10)),
            new SecureRandom(),
            System::nanoTime);
    resources.add(upstream);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  /** Serves the chain for clients identified as {@code profile}, ending in {@code last}. */
  private int serve(Profile profile, DnsStage... last) throws IOException {
    List<DnsStage> stages = new ArrayList<>();
    stages.add(new QueryGuard());
    stages.add(new ClientIdentity(client -> profile));
    stages.add(new LockedLists(() -> locked, blockAnswer));
    stages.add(new CategoryPolicy(() -> domains, blockAnswer));
    stages.add(new AliasTargetPolicy(() -> domains, () -> locked, blockAnswer));
    stages.addAll(List.of(last));
    DnsServer server =
        DnsServer.start(
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
            StageChain.of(stages),
            new DnsServer.TcpLimits(8, Duration.ofSeconds(5), Duration.ofSeconds(3)),
            counters,
            System::nanoTime);
    resources.add(0, server); // closed before the resolver it uses
    return server.addresses().get(0).getPort();
  }

  private int serve(Profile profile) throws IOException {
    return serve(profile, cache, upstream);
  }

  @Test
  void aChainEndingInABlockedNameIsBlockedForPupilsEvenFromTheSharedCache() throws Exception {
    int staffPort = serve(staff);
    int pupilPort = serve(pupil);

    DigResult real = Dig.at(staffPort).query(UnboundUpstream.CNAME_CHAIN_NAME);
    assertEquals(List.of("chain1.test.", "chain2.test."), real.answerData("CNAME"), real::raw);
    assertEquals(List.of(UnboundUpstream.CNAME_CHAIN_ADDRESS), real.answerData("A"), real::raw);

    // The pupil's query is answered from the answer cached for staff, and still blocked.
    DigResult blocked = Dig.at(pupilPort).query(UnboundUpstream.CNAME_CHAIN_NAME);
    assertEquals("NOERROR", blocked.status(), blocked::raw);
    assertEquals(List.of(BLOCK_ADDRESS), blocked.answerData("A"), blocked::raw);
    assertTrue(blocked.answerData("CNAME").isEmpty(), blocked::raw);
    assertFalse(blocked.raw().contains("chain2.test"), blocked::raw);
    assertEquals(1, unbound.receivedCount(UnboundUpstream.CNAME_CHAIN_NAME, "A"));
    assertEquals(1, counters.get(Outcome.BLOCKED));

    // Over TCP, for AAAA (unbound answers the chain and no address), and from the middle of the
    // chain: blocked every time.
    DigResult tcp = Dig.at(pupilPort).tcp().query(UnboundUpstream.CNAME_CHAIN_NAME, "AAAA");
    assertEquals(List.of("2001:db8::80"), tcp.answerData("AAAA"), tcp::raw);
    DigResult middle = Dig.at(pupilPort).query("chain1.test");
    assertEquals(List.of(BLOCK_ADDRESS), middle.answerData("A"), middle::raw);
    assertEquals(3, counters.get(Outcome.BLOCKED));

    DigResult staffAgain = Dig.at(staffPort).query("chain1.test");
    assertEquals(List.of("chain2.test."), staffAgain.answerData("CNAME"), staffAgain::raw);
  }

  @Test
  void aChainToALockedNameIsLockedForEveryProfile() throws Exception {
    for (Profile profile : List.of(staff, pupil)) {
      DigResult result = Dig.at(serve(profile)).query("cloaked.test");
      assertEquals("NOERROR", result.status(), result::raw);
      assertEquals(List.of(BLOCK_ADDRESS), result.answerData("A"), result::raw);
      assertFalse(result.raw().contains(CLOAKED_ADDRESS), result::raw);
    }
    assertEquals(2, counters.get(Outcome.LOCKED));
    assertEquals(1, unbound.receivedCount("cloaked.test", "A"), "the second came from the cache");
  }

  @Test
  void aDnameLeadingToABlockedNameIsBlocked() throws Exception {
    DigResult real = Dig.at(serve(staff)).query("www.old.test");
    assertEquals(List.of("renamed.test."), real.answerData("DNAME"), real::raw);
    assertEquals(List.of("www.renamed.test."), real.answerData("CNAME"), real::raw);
    assertEquals(List.of(RENAMED_ADDRESS), real.answerData("A"), real::raw);

    DigResult blocked = Dig.at(serve(pupil)).query("www.old.test");
    assertEquals(List.of(BLOCK_ADDRESS), blocked.answerData("A"), blocked::raw);
    assertTrue(blocked.answerData("DNAME").isEmpty(), blocked::raw);
  }

  @Test
  void unlistedChainsPassUnchanged() throws Exception {
    DigResult result = Dig.at(serve(pupil)).query("www.allowed.test");
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), result.answerData("A"), result::raw);
    assertEquals(1, counters.get(Outcome.ALLOWED));
    assertEquals(0, counters.get(Outcome.BLOCKED));
  }

  @Test
  void aMalformedAnswerFromBelowBecomesServfailNotTheAnswer() throws Exception {
    // A stand-in for a broken upstream: a CNAME whose RDLENGTH runs past the end of the message.
    DnsStage broken =
        (query, next) -> {
          byte[] wire;
          try {
            wire =
                UpstreamAnswerBytes.to(query.message())
                    .cname(query.question().name().toString(), "edge.example")
                    .a("edge.example", "198.51.100.1")
                    .bytes();
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
          int rdLengthAt = 12 + query.question().name().wireLength() + 4 + 10;
          wire[rdLengthAt] = (byte) 0xFF;
          return CompletableFuture.completedFuture(Answer.of(wire, Outcome.ALLOWED));
        };
    DigResult result = Dig.at(serve(staff, broken)).query("www.allowed.test");
    assertEquals("SERVFAIL", result.status(), result::raw);
    assertTrue(result.answers().isEmpty(), result::raw);
    assertEquals(1, counters.get(Outcome.SERVFAIL));
  }
}
