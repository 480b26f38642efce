package org.classgate.app;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConsoleConfig;
import org.classgate.console.BlockReasons;
import org.classgate.console.ConsoleEndpoint;
import org.classgate.console.ConsoleModule;
import org.classgate.console.ConsoleServer;
import org.classgate.console.StaffClients;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Sessions;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.console.store.SqliteUnblockRequests;
import org.classgate.devices.DeviceRegistry;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.store.Database;
import org.classgate.tls.TlsException;
import org.classgate.tls.TlsIdentity;
import org.tinylog.TaggedLogger;

/**
 * Builds the console and the block page from their configuration: the console on HTTPS with the
 * box's own TLS identity ({@code data.dir/console-tls.p12}, made on the first start), its optional
 * HTTP redirect, and the gate that lets only staff devices and the management networks in.
 */
final class ConsoleWiring {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  /** The console's TLS identity's file name in the data directory. */
  static final String TLS_FILE = "console-tls.p12";

  private ConsoleWiring() {}

  static Path tlsFile(Path dataDir) {
    return dataDir.resolve(TLS_FILE);
  }

  /**
   * Starts the console and block page, or returns null if neither is configured.
   *
   * @param filter the current lists, for the block page's "which kind of site"
   * @param registry the devices, for who may reach the console
   * @param modules the console API of each capability the box runs
   * @throws IllegalStateException if the TLS identity cannot be made or read (the message names the
   *     file and the fix)
   */
  static ConsoleServer start(
      ApplianceConfig box,
      Database database,
      FilterLists filter,
      DeviceRegistry registry,
      List<ConsoleModule> modules,
      Clock clock,
      LongSupplier nanoTime) {
    ConsoleConfig config = box.console();
    if (config.listen() == null && config.blockPageListen() == null) {
      LOG.info("console and block page off: console.listen and console.block-page-listen unset");
      return null;
    }
    SecureRandom random = new SecureRandom();
    Accounts accounts =
        new Accounts(
            new SqliteAccountStore(database),
            new PasswordHasher(PasswordHasher.DEFAULT, random),
            new PasswordPolicy(config.passwordExpiry()),
            new Totp(clock),
            clock,
            random);
    ConsoleEndpoint endpoint = null;
    if (config.listen() != null) {
      StaffClients gate =
          new StaffClients(
              registry,
              box.devices().classes(),
              box.devices().quarantineSubnets(),
              config.managementNetworks());
      List<String> names = names(box);
      SSLContext tls = config.tls() ? tls(box, names, random) : null;
      endpoint =
          new ConsoleEndpoint(
              config.listen(), tls, config.redirectListen(), tls == null ? List.of() : names, gate);
    }
    return ConsoleServer.start(
        endpoint,
        config.blockPageListen(),
        new ConsoleServer.Services(
            accounts,
            new Sessions(config.idleTimeout(), nanoTime, random),
            new SqliteUnblockRequests(database),
            reasons(filter),
            clock,
            modules));
  }

  /**
   * The box's TLS server context, making its identity on the first start, and says its pin and
   * fingerprint so staff can check what their browser shows.
   */
  private static SSLContext tls(ApplianceConfig box, List<String> names, SecureRandom random) {
    try {
      TlsIdentity identity = TlsIdentity.loadOrCreate(tlsFile(box.dataDir()), names, random);
      LOG.info(
          "console certificate {}: key pin {}, SHA-256 fingerprint {} (compare with what the"
              + " browser shows before trusting it)",
          identity.certificate().getSubjectX500Principal().getName(),
          identity.pin(),
          ConsoleSettingsView.fingerprint(identity));
      return identity.serverContext();
    } catch (TlsException | CertificateEncodingException e) {
      throw new IllegalStateException("console TLS: " + e.getMessage(), e);
    }
  }

  /**
   * The console's certificate, made now if the box has none (first boot does this, so its
   * fingerprint can be written down before the box is deployed).
   *
   * @return the SHA-256 fingerprint of the certificate
   */
  static String makeCertificate(ApplianceConfig box, SecureRandom random)
      throws TlsException, CertificateEncodingException {
    return ConsoleSettingsView.fingerprint(
        TlsIdentity.loadOrCreate(tlsFile(box.dataDir()), names(box), random));
  }

  /**
   * The names a new certificate is made for: {@code console.tls-names} if set, else the console's
   * own address (if not a wildcard), the classroom address staff browse to, and the host's name.
   */
  static List<String> names(ApplianceConfig box) {
    ConsoleConfig config = box.console();
    if (!config.tlsNames().isEmpty()) {
      return config.tlsNames();
    }
    List<String> names = new ArrayList<>();
    InetAddress listen = config.listen().getAddress();
    if (!listen.isAnyLocalAddress()) {
      names.add(listen.getHostAddress());
    }
    String classroom = box.network().network().gateway().getHostAddress();
    if (!names.contains(classroom)) {
      names.add(classroom);
    }
    try {
      String host = InetAddress.getLocalHost().getHostName();
      if (host.matches("[A-Za-z0-9.-]{1,253}") && !names.contains(host)) {
        names.add(host);
      }
    } catch (UnknownHostException e) {
      LOG.info("the host's name is unknown; the console certificate names addresses only");
    }
    return names;
  }

  /**
   * The first category list that has the name. Locked (illegal-content) lists are never named to a
   * pupil: the page then says only that the site is not for school.
   */
  private static BlockReasons reasons(FilterLists filter) {
    return (host, client) -> {
      Name name;
      try {
        name = Name.of(host);
      } catch (WireFormatException | RuntimeException e) {
        return Optional.empty();
      }
      if (filter.locked().match(name) != 0) {
        return Optional.empty();
      }
      List<String> names = filter.categories().names(filter.domains().match(name));
      return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    };
  }
}
