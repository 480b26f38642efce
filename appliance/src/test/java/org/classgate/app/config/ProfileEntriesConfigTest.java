package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code profile.<name>.allow} and {@code .deny}: domains or files, normalised, hostile refused.
 */
class ProfileEntriesConfigTest {
  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"));
        }
      };

  @TempDir Path dir;

  private Map<String, String> raw(String key, String value) {
    Map<String, String> raw = new HashMap<>();
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "demo");
    raw.put(key, value);
    return raw;
  }

  @Test
  void entriesAreNormalisedDeduplicatedAndReadFromFiles() throws Exception {
    Path file = dir.resolve("deny.txt");
    Files.writeString(file, "# ours\nTikTok.com\n0.0.0.0 snapchat.com\n");
    Map<String, String> raw = raw("profile.pupil.allow", "*.Wikipedia.org., bücher.de");
    raw.put("profile.pupil.deny", "tiktok.com, " + file + ", .zip");
    ProfileConfig pupil = ApplianceConfig.from(raw, HOST).profiles().get("pupil");
    assertEquals(List.of("wikipedia.org", "xn--bcher-kva.de"), pupil.allow());
    assertEquals(List.of("tiktok.com", "snapchat.com", "zip"), pupil.deny());
  }

  @Test
  void withoutTheKeysAProfileHasNoEntries() throws Exception {
    ProfileConfig pupil =
        ApplianceConfig.from(raw("profile.pupil.safesearch", "strict"), HOST)
            .profiles()
            .get("pupil");
    assertEquals(List.of(), pupil.allow());
    assertEquals(List.of(), pupil.deny());
  }

  @Test
  void hostileAndInvalidEntriesAreErrorsNamingKeyAndItem() throws Exception {
    assertError("profile.pupil.allow", "192.168.1.1", "an IP address");
    assertError("profile.pupil.deny", "localhost", "a local name");
    assertError("profile.pupil.deny", "a..example", "not a valid domain");
    assertError("profile.pupil.deny", "evil\u001b]0;x\u0007.example", "not a valid domain");
    assertError("profile.pupil.allow", "org", "a whole top-level domain");
    assertError("profile.pupil.allow", dir.resolve("missing.txt").toString(), "a readable file");
    Path bad = dir.resolve("bad.txt");
    Files.writeString(bad, "ok.example\n<script>\n");
    assertError("profile.pupil.deny", bad.toString(), "line 2");
  }

  @Test
  void aDomainCannotBeBothAllowedAndDenied() {
    Map<String, String> raw = raw("profile.pupil.allow", "example.org");
    raw.put("profile.pupil.deny", "EXAMPLE.org");
    ConfigException e = assertThrows(ConfigException.class, () -> ApplianceConfig.from(raw, HOST));
    assertTrue(
        e.getMessage().startsWith("profile.pupil.allow = 'example.org' is not allowed"),
        e.getMessage());
  }

  @Test
  void anUnknownProfileSettingListsTheEntryKeys() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> ApplianceConfig.from(raw("profile.pupil.whitelist", "a.example"), HOST));
    assertTrue(e.getMessage().contains(".allow and .deny"), e.getMessage());
  }

  private void assertError(String key, String value, String why) {
    ConfigException e =
        assertThrows(ConfigException.class, () -> ApplianceConfig.from(raw(key, value), HOST));
    assertEquals(key, e.key());
    assertTrue(e.getMessage().startsWith(key + " = '"), e.getMessage());
    assertTrue(e.getMessage().contains(why), e.getMessage());
    assertTrue(!e.getMessage().contains("\u001b"), "control characters are escaped");
  }
}
