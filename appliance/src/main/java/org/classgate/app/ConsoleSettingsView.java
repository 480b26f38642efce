package org.classgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConsoleConfig;
import org.classgate.app.config.NetworkConfig;
import org.classgate.console.SettingsRoutes.Setting;
import org.classgate.devices.network.ClassroomNetwork;
import org.classgate.filter.selftest.SelfTestCheck;
import org.classgate.filter.selftest.SelfTestChecks;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.tls.TlsException;
import org.classgate.tls.TlsIdentity;

/**
 * The settings page's view of the box: the effective configuration as lines, and its identity. It
 * never shows a secret: the Wi-Fi passphrase is left out, user names and passwords in list URLs are
 * masked, and key files are shown only as the public fingerprints staff compare.
 */
final class ConsoleSettingsView {
  /** {@code scheme://user:password@} in a URL: shown with the credentials masked. */
  private static final Pattern URL_CREDENTIALS =
      Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

  private ConsoleSettingsView() {}

  /** The effective configuration, key by key, then the filtering policy as the box enforces it. */
  static List<Setting> of(ApplianceConfig config, FilterLists filter) {
    List<Setting> out = new ArrayList<>();
    add(out, "data.dir", config.dataDir().toAbsolutePath());
    add(out, "dns.listen", config.dns().listen());
    add(out, "dns.upstream", config.dns().upstreams());
    add(out, "dns.allowed-clients", config.dns().allowedClients());
    add(out, "dns.rate-limit", config.dns().rateLimit() + " per second");
    add(out, "classroom.name", config.devices().classroom());
    add(out, "devices.default-profile", config.defaultProfile());
    add(out, "devices.console-classes", config.devices().classes().consoleClasses());
    NetworkConfig network = config.network();
    add(out, "network.mode", network.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    ClassroomNetwork classroom = network.network();
    add(
        out,
        "network.classroom",
        classroom.classroomInterface()
            + " "
            + classroom.gateway().getHostAddress()
            + "/"
            + classroom.prefixLength());
    add(out, "network.uplink.interface", classroom.uplinkInterface());
    add(out, "network.console-port", classroom.consolePort());
    if (network.accessPoint() != null) {
      add(out, "network.wifi.ssid", network.accessPoint().ssid());
      add(out, "network.wifi.passphrase", "(secret, not shown)");
    }
    add(out, "panel.mode", config.panel().mode().name().toLowerCase(Locale.ROOT));
    add(out, "activity.log", config.activity().mode().name().toLowerCase(Locale.ROOT));
    add(out, "activity.retention-days", config.activity().retentionDays());
    ConsoleConfig console = config.console();
    add(out, "console.listen", console.listen() == null ? "off" : console.listen());
    add(out, "console.tls", console.tls() ? "on (TLS 1.3)" : "off (dev mode, loopback only)");
    add(out, "console.http-redirect-listen", console.redirectListen());
    add(out, "console.management-networks", console.managementNetworks());
    add(out, "console.idle-timeout", console.idleTimeout());
    add(out, "console.password-expiry", console.passwordExpiry().toDays() + " days");
    add(out, "console.block-page-listen", console.blockPageListen());
    for (SelfTestCheck check : SelfTestChecks.withNames(console.selfTestNames())) {
      add(
          out,
          "console.self-test." + check.id(),
          check.name() == null ? "(not configured)" : check.name());
    }
    for (String line : new PolicyView(config, filter).all()) {
      add(out, "policy", line);
    }
    return List.copyOf(out);
  }

  private static void add(List<Setting> out, String key, Object value) {
    String text = value == null ? "(unset)" : value.toString();
    out.add(new Setting(key, URL_CREDENTIALS.matcher(text).replaceAll("$1(credentials hidden)@")));
  }

  /**
   * The box's identity as staff check it: the console certificate's key pin (what a pinned client
   * configures) and SHA-256 fingerprint (what a browser's certificate viewer shows), and the sync
   * keys' fingerprint (what the hub shows at enrolment). Read from the files each time; nothing is
   * made here.
   */
  static Map<String, String> identity(ApplianceConfig config) {
    Map<String, String> identity = new LinkedHashMap<>();
    Path tls = ConsoleWiring.tlsFile(config.dataDir());
    if (config.console().tls() && Files.isRegularFile(tls)) {
      try {
        TlsIdentity loaded = TlsIdentity.loadOrCreate(tls, List.of("unused"), new SecureRandom());
        identity.put("consoleKeyPin", loaded.pin().toString());
        identity.put("consoleCertificateSha256", fingerprint(loaded));
      } catch (TlsException | CertificateEncodingException e) {
        identity.put("consoleKeyPin", "cannot be read: " + e.getMessage());
      }
    } else {
      identity.put("consoleKeyPin", "no certificate: the console is not on HTTPS");
    }
    KeyFile keys = new KeyFile(config.dataDir());
    if (Files.isRegularFile(keys.file())) {
      try {
        identity.put(
            "syncKeyFingerprint", keys.loadOrCreate(new SecureRandom()).publicKeys().fingerprint());
      } catch (KeyFileException e) {
        identity.put("syncKeyFingerprint", "cannot be read: " + e.getMessage());
      }
    } else {
      identity.put("syncKeyFingerprint", "no sync keys yet: the box is not enrolled with a hub");
    }
    return identity;
  }

  /** SHA-256 of the certificate, as colon-separated hex pairs (how browsers show it). */
  static String fingerprint(TlsIdentity identity) throws CertificateEncodingException {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(identity.certificate().getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
