package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.SafeEndpoints;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in {@code unsafe-search} category in the whole appliance, asked with {@code dig}: no
 * {@code lists.} or {@code profile.} key is configured, so the built-in profiles apply — pupils and
 * visitors (SafeSearch on) are blocked from engines without a safe mode, staff (SafeSearch off) are
 * not.
 */
class UnsafeSearchIT {
  private static final String BLOCK_ADDRESS = "10.9.9.9";
  private static final String UNRESTRICTED = "198.51.100.80";
  private static final List<String> ENGINES =
      List.of("search.yahoo.com", "uk.search.yahoo.com", "www.startpage.com", "www.baidu.com");

  private static UnboundUpstream upstream;

  @TempDir Path dir;

  private final List<Appliance> appliances = new ArrayList<>();

  @BeforeAll
  static void startUpstream() {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    UnboundUpstream.Builder builder = UnboundUpstream.builder().safeSearchEndpoints();
    for (String name : ENGINES) {
      builder.localData(name + ". 300 IN A " + UNRESTRICTED);
    }
    builder.localData("mail.yahoo.com. 300 IN A " + UNRESTRICTED);
    upstream = builder.start();
  }

  @AfterAll
  static void stopUpstream() {
    if (upstream != null) {
      upstream.close();
    }
  }

  @AfterEach
  void stopAppliances() {
    appliances.forEach(Appliance::close);
  }

  /** An appliance whose every client gets the built-in profile {@code profile}; its DNS port. */
  private int applianceFor(String profile) throws Exception {
    int port = FreePorts.udpAndTcp();
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve(profile).toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream.address());
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("dns.block-address", BLOCK_ADDRESS);
    raw.put("devices.default-profile", profile);
    ApplianceConfig config =
        ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("no-resolv.conf")));
    Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime);
    appliances.add(appliance);
    return port;
  }

  @Test
  void pupilsAreBlockedFromEnginesWithoutASafeModeAndStillGetSafeSearchElsewhere()
      throws Exception {
    int port = applianceFor("pupil");
    for (String engine : ENGINES) {
      DigResult result = Dig.at(port).query(engine);
      assertEquals("NOERROR", result.status(), result::raw);
      assertEquals(List.of(BLOCK_ADDRESS), result.answerData("A"), result::raw);
    }
    assertEquals(ENGINES.size(), appliances.get(0).counters().get(Outcome.BLOCKED));

    DigResult mail = Dig.at(port).query("mail.yahoo.com");
    assertEquals(List.of(UNRESTRICTED), mail.answerData("A"), "Yahoo Mail is not search");
    DigResult google = Dig.at(port).query("www.google.co.uk");
    assertEquals(List.of("forcesafesearch.google.com."), google.answerData("CNAME"), google::raw);
    assertEquals(
        List.of(SafeEndpoints.ipv4("forcesafesearch.google.com")),
        google.answerData("A"),
        google::raw);
  }

  @Test
  void visitorsWithModerateSafeSearchAreBlockedToo() throws Exception {
    int port = applianceFor("visitor");
    DigResult result = Dig.at(port).query("search.yahoo.com");
    assertEquals(List.of(BLOCK_ADDRESS), result.answerData("A"), result::raw);
  }

  @Test
  void staffWithoutSafeSearchReachTheEngines() throws Exception {
    int port = applianceFor("staff");
    for (String engine : ENGINES) {
      DigResult result = Dig.at(port).query(engine);
      assertEquals(List.of(UNRESTRICTED), result.answerData("A"), result::raw);
      assertTrue(result.answerData("CNAME").isEmpty(), result::raw);
    }
    assertEquals(0, appliances.get(0).counters().get(Outcome.BLOCKED));
  }
}
