package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.console.SettingsRoutes.Setting;
import org.classgate.tls.TlsIdentity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings page's view: the configuration in force without secrets, and the box's identity. */
class ConsoleSettingsViewTest {
  private static final String PASSPHRASE = "Wifi-Secret-Phrase-42";
  private static final String URL_PASSWORD = "list-password-9";

  @TempDir Path dir;

  private ApplianceConfig config() throws Exception {
    Path list = dir.resolve("gambling.txt");
    Files.writeString(list, "bet.example\n");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:5300");
    raw.put("dns.upstream", "127.0.0.1:53");
    raw.put("lists.gambling", list.toString());
    raw.put("download.adult.url", "https://school:" + URL_PASSWORD + "@lists.example/adult.txt");
    raw.put("lists.adult", "download:adult");
    raw.put("profile.pupil.block", "gambling,adult");
    raw.put("network.mode", "dry-run");
    raw.put("network.wifi.passphrase", PASSPHRASE);
    raw.put("console.listen", "127.0.0.1:0");
    raw.put("console.self-test.iwf", "iwf-test.example");
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("no-resolv.conf")));
  }

  @Test
  void theConfigurationIsShownWithoutAnySecret() throws Exception {
    ApplianceConfig config = config();
    List<Setting> settings =
        ConsoleSettingsView.of(config, FilterLists.load(config, System::nanoTime));
    String all = settings.toString();
    assertFalse(all.contains(PASSPHRASE), "the Wi-Fi passphrase");
    assertFalse(all.contains(URL_PASSWORD), "a list URL's password");
    assertTrue(all.contains("(credentials hidden)@lists.example"), all);
    assertTrue(settings.contains(new Setting("network.wifi.passphrase", "(secret, not shown)")));
    assertTrue(settings.contains(new Setting("console.tls", "on (TLS 1.3)")));
    assertTrue(settings.contains(new Setting("console.self-test.iwf", "iwf-test.example")));
    assertTrue(settings.contains(new Setting("console.self-test.ctiru", "(not configured)")));
    assertTrue(
        settings.stream().anyMatch(s -> s.key().equals("policy") && s.value().contains("pupil")),
        "the filtering policy as enforced");
  }

  @Test
  void theIdentityShowsTheStoredCertificatesPinAndFingerprintAndMakesNothing() throws Exception {
    ApplianceConfig config = config();
    Map<String, String> before = ConsoleSettingsView.identity(config);
    assertTrue(before.get("consoleKeyPin").startsWith("no certificate"), before.toString());
    assertTrue(before.get("syncKeyFingerprint").startsWith("no sync keys"), before.toString());
    assertFalse(Files.exists(ConsoleWiring.tlsFile(config.dataDir())), "nothing was made");

    Files.createDirectories(config.dataDir());
    TlsIdentity identity =
        TlsIdentity.loadOrCreate(
            ConsoleWiring.tlsFile(config.dataDir()), List.of("127.0.0.1"), new SecureRandom());
    Map<String, String> after = ConsoleSettingsView.identity(config);
    assertEquals(identity.pin().toString(), after.get("consoleKeyPin"));
    String fingerprint = after.get("consoleCertificateSha256");
    assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint);
    assertEquals(ConsoleSettingsView.fingerprint(identity), fingerprint);
  }
}
