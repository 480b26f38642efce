package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ProfileConfig.SafeSearchLevel;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApplianceConfigTest {
  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"), Subnet.parse("10.20.0.0/24"));
        }
      };

  @TempDir Path dir;

  private Path listFile() throws IOException {
    Path file = dir.resolve("gambling.txt");
    Files.writeString(file, "bet.example\n");
    return file;
  }

  private static ApplianceConfig load(Map<String, String> raw) throws ConfigException {
    return ApplianceConfig.from(raw, HOST);
  }

  @Test
  void downloadsArchivesAndUpdateSettingsAreRead() throws Exception {
    Path archive = dir.resolve("blacklists.tar.gz");
    Files.write(archive, new byte[] {0x1f, (byte) 0x8b});
    java.security.KeyPair pair =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Map<String, String> raw = new HashMap<>();
    raw.put("download.ads.url", "https://lists.example/ads.txt");
    raw.put(
        "download.ads.public-key",
        java.util.Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    raw.put("download.ut1.url", "https://lists.example/blacklists.tar.gz");
    raw.put("download.ut1.sha256", "AB".repeat(32));
    raw.put("lists.ads", "download:ads, https://other.example/hosts");
    raw.put("lists.gambling", archive + "#gambling, download:ut1#gambling");
    raw.put("sources.ut1", "download:ut1");
    raw.put("sources.update-interval", "2h");
    raw.put("sources.max-download-mib", "32");
    ApplianceConfig config = load(raw);

    assertEquals(Duration.ofHours(2), config.sources().updateInterval());
    assertEquals(Duration.ofMinutes(12), config.sources().updateJitter(), "a tenth by default");
    assertEquals(32L << 20, config.sources().downloads().maxBytes());
    ListSource signed = config.lists().get("ads").get(0);
    assertEquals(ListSource.Kind.URL, signed.kind());
    assertEquals("https://lists.example/ads.txt.sig", signed.download().signatureUri().toString());
    assertEquals(ListSource.Kind.URL, config.lists().get("ads").get(1).kind());
    List<ListSource> gambling = config.lists().get("gambling");
    assertEquals(
        new ListSource(ListSource.Kind.PATH, archive.toString(), "gambling", null, false),
        gambling.get(0));
    assertEquals("ab".repeat(32), gambling.get(1).download().sha256());
    // sources.ut1 as an archive: every mapped UT1 category, optional, after the configured ones.
    assertTrue(gambling.size() > 2, gambling::toString);
    assertTrue(gambling.subList(2, gambling.size()).stream().allMatch(ListSource::optional));
    assertTrue(
        config.lists().get("circumvention").stream().anyMatch(s -> "vpn".equals(s.member())),
        config.lists()::toString);
  }

  @Test
  void defaultsComeFromTheHostAndFailClosed() throws Exception {
    ApplianceConfig config = load(Map.of("lists.gambling", listFile().toString()));

    assertEquals(List.of(new InetSocketAddress("192.0.2.53", 53)), config.dns().upstreams());
    assertEquals(HOST.localSubnets(), config.dns().allowedClients());
    assertEquals(List.of(new InetSocketAddress("0.0.0.0", 5300)), config.dns().listen());
    assertEquals("pupil", config.defaultProfile());
    // With no profile configured, the school defaults apply: gambling is blocked for pupils only;
    // the built-in unsafe-search list is always there, blocked where SafeSearch is on.
    assertEquals(
        Map.of(
            "pupil",
            new ProfileConfig(
                List.of("gambling", "unsafe-search"), Map.of(), SafeSearchLevel.STRICT),
            "staff",
            new ProfileConfig(List.of(), Map.of(), SafeSearchLevel.OFF),
            "visitor",
            new ProfileConfig(List.of("unsafe-search"), Map.of(), SafeSearchLevel.MODERATE)),
        config.profiles());
    assertEquals(List.of(ListSource.UNSAFE_SEARCH), config.lists().get("unsafe-search"));
    assertEquals(BlockAnswer.Mode.ADDRESS, config.dns().blockAnswer().mode());
    assertEquals(200, config.dns().rateLimit());
    assertEquals(400, config.dns().rateBurst());
    assertEquals(Duration.ofDays(1), config.dns().serveStale());
  }

  @Test
  void everyKeyOfTheContractIsRead() throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.toString());
    raw.put("dns.listen", "127.0.0.1:5353, [::1]:5353");
    raw.put("dns.upstream", "192.0.2.1, 192.0.2.2:5353");
    raw.put("dns.upstream.timeout", "800ms");
    raw.put("dns.allowed-clients", "10.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("dns.block-mode", "nxdomain");
    raw.put("dns.block-address", "10.0.0.1");
    raw.put("dns.block-ttl", "5m");
    raw.put("dns.cache.max-entries", "500");
    raw.put("dns.cache.serve-stale", "0s");
    raw.put("lists.gambling", listFile().toString());
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "gambling, demo");
    raw.put("profile.pupil.safesearch", "moderate");
    raw.put("profile.pupil.block.lunch", "gambling");
    raw.put("timetable.zone", "Europe/London");
    raw.put("timetable.lessons", "Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15");
    raw.put("timetable.lunch", "Mon-Fri 12:00-13:00");
    raw.put("profile.staff.block", "");
    raw.put("devices.default-profile", "staff");
    raw.put("log.level", "debug");

    ApplianceConfig config = load(raw);

    assertEquals(dir, config.dataDir());
    assertEquals(2, config.dns().listen().size());
    assertEquals(53, config.dns().upstreams().get(0).getPort());
    assertEquals(5353, config.dns().upstreams().get(1).getPort());
    assertEquals(Duration.ofMillis(800), config.dns().upstreamTimeout());
    assertEquals(List.of(Subnet.parse("10.0.0.0/8")), config.dns().allowedClients());
    assertEquals(0, config.dns().rateLimit());
    assertEquals(BlockAnswer.Mode.NXDOMAIN, config.dns().blockAnswer().mode());
    assertEquals("10.0.0.1", config.dns().blockAnswer().ipv4().getHostAddress());
    assertEquals(300, config.dns().blockAnswer().ttlSeconds());
    assertEquals(500, config.dns().cacheMaxEntries());
    assertEquals(Duration.ZERO, config.dns().serveStale());
    assertEquals(
        new ProfileConfig(
            List.of("gambling", "demo"),
            Map.of("lunch", List.of("gambling")),
            SafeSearchLevel.MODERATE),
        config.profiles().get("pupil"));
    assertEquals(
        new ProfileConfig(List.of(), Map.of(), SafeSearchLevel.OFF),
        config.profiles().get("staff"));
    assertEquals("staff", config.defaultProfile());
    assertEquals(ApplianceConfig.LogLevel.DEBUG, config.logLevel());
    assertEquals(List.of("lessons", "lunch", "outside"), config.timetable().periods());
    assertEquals(
        "lunch", config.timetable().periodAt(java.time.Instant.parse("2026-11-23T12:30:00Z")));
    assertEquals(ListSource.Kind.BUILT_IN, config.lists().get("demo").get(0).kind());
  }

  @Test
  void badValuesNameTheKeyTheValueAndWhatIsAllowed() throws Exception {
    String list = listFile().toString();
    assertMessage(
        Map.of("dns.listen", "localhost:53"),
        "dns.listen = 'localhost:53' is not allowed: numeric address:port");
    assertMessage(
        Map.of("dns.listen", "127.0.0.1:70000"), "dns.listen = '127.0.0.1:70000' is not allowed");
    assertMessage(
        Map.of("dns.rate-limit", "fast"),
        "dns.rate-limit = 'fast' is not allowed: a whole number from 0 to 1000000");
    assertMessage(
        Map.of("dns.block-mode", "drop"),
        "dns.block-mode = 'drop' is not allowed: one of address, nxdomain");
    assertMessage(
        Map.of("dns.block-address", "::1"),
        "dns.block-address = '::1' is not allowed: a numeric IPv4 address");
    assertMessage(Map.of("dns.upstream.timeout", "forever"), "dns.upstream.timeout = 'forever'");
    assertMessage(
        Map.of("dns.allowed-clients", "10.0.0.0/33"),
        "dns.allowed-clients = '10.0.0.0/33' is not allowed: IP subnets");
    assertMessage(
        Map.of("lists.gambling", dir.resolve("missing").toString()),
        "lists.gambling = '" + dir.resolve("missing") + "' is not allowed: a readable file");
    assertMessage(Map.of("lists.Bad_Name", list), "lists.Bad_Name: a category name is 1-32 of a-z");
    assertMessage(
        Map.of("lists.gambling", list, "profile.pupil.block", "games"),
        "profile.pupil.block = 'games' is not allowed: a category with a list: gambling");
    assertMessage(
        Map.of("lists.gambling", list, "devices.default-profile", "teacher"),
        "devices.default-profile = 'teacher' is not allowed: a configured profile: pupil, staff,"
            + " visitor");
    assertMessage(
        Map.of("dns.listen", "127.0.0.1:5300", "dns.upstream", "127.0.0.1:5300"),
        "dns.upstream = '/127.0.0.1:5300' is not allowed: an address other than ClassGate's own");
    assertMessage(
        Map.of("timetable.zone", "Mars/Olympus"),
        "timetable.zone = 'Mars/Olympus' is not allowed: a time zone such as Europe/London");
    assertMessage(
        Map.of("timetable.lunch", "Mon-Fri 12:00-13:00", "timetable.break", "Mon 12:30-12:45"),
        "timetable.");
    assertMessage(
        Map.of("timetable.lunch", "Mon-Fri 13:00-12:00"),
        "timetable.lunch = 'Mon-Fri 13:00-12:00'");
    assertMessage(
        Map.of("lists.gambling", list, "profile.pupil.block.lnch", "gambling"),
        "profile.pupil.block.lnch: 'lnch' is not a timetable period; the periods are: outside");
    assertMessage(
        Map.of("profile.pupil.safesearch", "on"),
        "profile.pupil.safesearch = 'on' is not allowed: one of off, moderate, strict");
    assertMessage(
        Map.of("profile.pupil.colour", "blue"), "profile.pupil.colour: unknown profile key");
    assertMessage(
        Map.of("lists.web", "https://lists.example/blacklists.tar.gz"),
        "lists.web = 'https://lists.example/blacklists.tar.gz' is not allowed: an archive source"
            + " names its category directory: https://lists.example/blacklists.tar.gz#gambling");
    assertMessage(
        Map.of("lists.web", "https://lists.example/web.txt#gambling"),
        "lists.web = 'https://lists.example/web.txt#gambling' is not allowed: ARCHIVE#CATEGORY");
    assertMessage(
        Map.of("lists.web", "download:nope"),
        "lists.web = 'download:nope' is not allowed: download:NAME of a configured");
    assertMessage(
        Map.of("download.ut1.url", "ftp://x.example/a.tar.gz"),
        "download.ut1.url = 'ftp://x.example/a.tar.gz' is not allowed: an http(s) URL");
    assertMessage(
        Map.of("download.ut1.url", "https://x.example/a.txt", "download.ut1.public-key", "AAAA"),
        "download.ut1.public-key = 'AAAA' is not allowed: an Ed25519 public key");
    assertMessage(
        Map.of("download.ut1.url", "https://x.example/a.txt", "download.ut1.sha256", "abc"),
        "download.ut1.sha256 = 'abc' is not allowed: 64 hex digits");
    assertMessage(Map.of("download.ut1.colour", "blue"), "download.ut1.colour: unknown key");
    assertMessage(
        Map.of("sources.update-interval", "0s"), "sources.update-interval = '0s' is not allowed");
    assertMessage(
        Map.of("sources.update-interval", "1h", "sources.update-jitter", "2h"),
        "sources.update-jitter = '2h' is not allowed");
  }

  @Test
  void aUt1CollectionFeedsTheTaxonomyAndIllegalContentMustBeLocked() throws Exception {
    Path ut1 = dir.resolve("ut1");
    Files.createDirectories(ut1.resolve("gambling"));
    Files.writeString(ut1.resolve("gambling/domains"), "bet.example\n");
    Files.createDirectories(ut1.resolve("social_networks"));
    Files.writeString(ut1.resolve("social_networks/domains"), "friends.example\n");
    ApplianceConfig config =
        load(Map.of("sources.ut1", ut1.toString(), "lists.demo", "builtin:demo"));
    assertEquals(
        List.of(ut1.resolve("gambling/domains").toString()),
        config.lists().get("gambling").stream().map(ListSource::toString).toList());
    assertTrue(config.lists().containsKey("social-media"), config.lists()::toString);
    assertEquals(
        List.of("gambling", "social-media", "demo", "unsafe-search").size(), config.lists().size());
    assertTrue(
        config
            .profiles()
            .get("pupil")
            .blocked()
            .containsAll(List.of("gambling", "social-media", "demo")));
    assertEquals(List.of("demo"), config.profiles().get("staff").blocked());

    assertMessage(
        Map.of("lists.illegal-content", listFile().toString()),
        "lists.illegal-content: illegal content is locked for every profile");
    assertMessage(Map.of("sources.ut1", dir.resolve("nope").toString()), "sources.ut1 = '");
  }

  @Test
  void aMisspeltKeyIsRefusedRatherThanIgnored() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(Map.of("dns.listne", "127.0.0.1:53")));
    assertEquals("dns.listne", e.key());
    assertTrue(e.getMessage().startsWith("dns.listne: unknown configuration key"), e.getMessage());
    assertTrue(e.getMessage().contains("dns.listen"), e.getMessage());
  }

  @Test
  void noUpstreamAnywhereIsAnError() {
    HostFacts bare =
        new HostFacts() {
          @Override
          public List<InetSocketAddress> systemNameservers() {
            return List.of();
          }

          @Override
          public List<Subnet> localSubnets() {
            return List.of();
          }
        };
    ConfigException e =
        assertThrows(ConfigException.class, () -> ApplianceConfig.from(Map.of(), bare));
    assertTrue(
        e.getMessage().startsWith("dns.upstream = (not set) is not allowed"), e.getMessage());
  }

  @Test
  void controlCharactersInValuesAreShownEscaped() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> load(Map.of("dns.block-mode", "x\u001b[31m")));
    assertTrue(e.getMessage().contains("x\\u001b[31m"), e.getMessage());
  }

  private void assertMessage(Map<String, String> raw, String expectedStart) {
    ConfigException e = assertThrows(ConfigException.class, () -> load(raw));
    assertTrue(
        e.getMessage().startsWith(expectedStart),
        () ->
            "expected a message starting with <"
                + expectedStart
                + "> but was <"
                + e.getMessage()
                + ">");
  }

  @Test
  void unsafeSearchNeedsNoListsKeyAndASchoolCanAddSourcesToIt() throws Exception {
    ApplianceConfig plain =
        load(
            Map.of(
                "profile.pupil.block", "unsafe-search",
                "profile.pupil.safesearch", "strict",
                "profile.staff.block", ""));
    assertEquals(List.of("unsafe-search"), plain.profiles().get("pupil").blocked());
    assertEquals(List.of(), plain.profiles().get("staff").blocked());
    assertEquals(List.of(ListSource.UNSAFE_SEARCH), plain.lists().get("unsafe-search"));

    Path searx = listFile();
    ApplianceConfig added =
        load(
            Map.of(
                "lists.unsafe-search",
                "builtin:unsafe-search, " + searx,
                "profile.pupil.block",
                "unsafe-search"));
    assertEquals(
        List.of("builtin:unsafe-search", searx.toString()),
        added.lists().get("unsafe-search").stream().map(ListSource::toString).toList(),
        "the built-in list first, once, then the school's");
    ApplianceConfig replacedNot =
        load(Map.of("lists.unsafe-search", searx.toString(), "profile.pupil.block", ""));
    assertEquals(
        List.of("builtin:unsafe-search", searx.toString()),
        replacedNot.lists().get("unsafe-search").stream().map(ListSource::toString).toList(),
        "a school's sources add to the built-in list, they never replace it");
  }
}
