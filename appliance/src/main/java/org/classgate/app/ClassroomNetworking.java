package org.classgate.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.classgate.app.config.NetworkConfig;
import org.classgate.devices.AccessControlPlane;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.MacAddress;
import org.classgate.devices.dnsmasq.DnsmasqConfig;
import org.classgate.devices.hostapd.HostapdConfig;
import org.classgate.devices.network.AtomicFiles;
import org.classgate.devices.network.IpForwarding;
import org.classgate.devices.network.IsolationDriverCheck;
import org.classgate.devices.network.ProcessCommandRunner;
import org.classgate.devices.nftables.DohAddresses;
import org.classgate.devices.nftables.NftablesFirewall;
import org.classgate.dns.Subnet;
import org.tinylog.TaggedLogger;

/**
 * Brings up the classroom network side from {@code network.*}: writes {@code hostapd.conf} (0600:
 * it holds the passphrase), {@code dnsmasq.conf} and {@code classgate.nft} into {@code
 * data.dir/network/}, and in {@code apply} mode applies the ruleset. hostapd and dnsmasq are run by
 * their own system services, pointed at these files (system-images). Thread-safe once started.
 */
final class ClassroomNetworking implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("network");

  /** How often the live ruleset is read back and compared (a change by hand shows within this). */
  private static final Duration DRIFT_CHECK = Duration.ofMinutes(1);

  private final NftablesFirewall firewall; // null when off
  private final List<String> driverWarnings;
  private final NetworkConfig config;
  private final Path directory;
  private final IpForwarding forwarding;
  private ScheduledExecutorService driftChecks; // null unless applied live

  /** IPv4 forwarding off, as last checked (apply mode only); replaced whole. */
  private volatile List<String> forwardingFaults = List.of();

  private ClassroomNetworking(
      NftablesFirewall firewall,
      List<String> driverWarnings,
      NetworkConfig config,
      Path directory,
      IpForwarding forwarding) {
    this.forwarding = forwarding;
    this.firewall = firewall;
    this.driverWarnings = driverWarnings;
    this.config = config;
    this.directory = directory;
  }

  /** Wrapped so that one failed check never ends the schedule. */
  private void checkDrift() {
    // Someone turning forwarding off by hand is reported, not fought: the fault says how to fix it.
    forwardingFaults = forwarding.check();
    try {
      List<String> drift = firewall.checkDrift();
      if (!drift.isEmpty()) {
        LOG.error("the firewall differs from what ClassGate applied: {}", drift);
      }
    } catch (RuntimeException e) {
      LOG.error("firewall drift check failed: {}", e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    if (driftChecks != null) {
      driftChecks.shutdownNow();
    }
  }

  /**
   * Writes the access point and DHCP configuration and builds the firewall, without applying it:
   * device decisions made before {@link #enforce()} (the registry's first round) are carried by its
   * first ruleset, so the classroom never sees a ruleset without its known devices.
   *
   * @throws IOException if a file cannot be written or the DoH list read
   */
  static ClassroomNetworking prepare(NetworkConfig config, Path dataDir) throws IOException {
    return prepare(config, dataDir, IpForwarding.system());
  }

  /**
   * As {@link #prepare(NetworkConfig, Path)}, with the IPv4 forwarding switch given (a file in a
   * test).
   */
  static ClassroomNetworking prepare(NetworkConfig config, Path dataDir, IpForwarding forwarding)
      throws IOException {
    if (config.mode() == NetworkConfig.Mode.OFF) {
      return new ClassroomNetworking(null, List.of(), config, null, forwarding);
    }
    Path dir = NetworkConfig.directory(dataDir);
    AtomicFiles.write(
        dir.resolve("hostapd.conf"), HostapdConfig.render(config.accessPoint()), true);
    AtomicFiles.write(dir.resolve("dnsmasq.conf"), DnsmasqConfig.render(config.dhcp()), false);
    List<Subnet> doh =
        config.dohAddresses() == null
            ? DohAddresses.builtIn()
            : DohAddresses.read(config.dohAddresses());
    Path ruleset = dir.resolve("classgate.nft");
    if (config.mode() == NetworkConfig.Mode.DRY_RUN) {
      return new ClassroomNetworking(
          NftablesFirewall.dryRun(config.network(), doh, ruleset),
          List.of(),
          config,
          dir,
          forwarding);
    }
    List<String> driver =
        IsolationDriverCheck.system().warnings(config.network().classroomInterface());
    driver.forEach(warning -> LOG.warn("{}", warning));
    return new ClassroomNetworking(
        NftablesFirewall.live(
            config.network(),
            doh,
            ruleset,
            new ProcessCommandRunner(Duration.ofSeconds(20)),
            System::nanoTime),
        driver,
        config,
        dir,
        forwarding);
  }

  /**
   * Applies the ruleset (in {@code apply} mode; writes it in {@code dry-run}) and, when live,
   * checks it for drift from then on. Called once the DNS listener is up, because the ruleset sends
   * the classroom's DNS to it.
   *
   * @throws org.classgate.devices.nftables.FirewallException if nft refuses the ruleset
   */
  synchronized void enforce() {
    if (firewall == null) {
      return;
    }
    if (config.mode() == NetworkConfig.Mode.APPLY) {
      // A router's first switch: without it the ruleset is right and nothing gets through. The box
      // turns it on (it may, with CAP_NET_ADMIN) rather than fail: DNS filtering still works.
      forwardingFaults = forwarding.ensureOn();
      forwardingFaults.forEach(fault -> LOG.error("{}", fault));
    }
    firewall.applyRuleset();
    LOG.info(
        "classroom network {}: {} on {}, files in {}",
        config.mode() == NetworkConfig.Mode.DRY_RUN ? "written (dry run)" : "applied",
        config.network().classroomSubnet(),
        config.network().classroomInterface(),
        directory);
    if (config.mode() == NetworkConfig.Mode.APPLY && driftChecks == null) {
      driftChecks =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "firewall-drift");
                thread.setDaemon(true);
                return thread;
              });
      driftChecks.scheduleWithFixedDelay(
          this::checkDrift, DRIFT_CHECK.toSeconds(), DRIFT_CHECK.toSeconds(), TimeUnit.SECONDS);
    }
  }

  /** Where device access decisions go; does nothing when the network side is off. */
  AccessControlPlane accessControl() {
    if (firewall != null) {
      return firewall;
    }
    return new AccessControlPlane() {
      @Override
      public void apply(MacAddress mac, DeviceAccess access) {}

      @Override
      public void forget(MacAddress mac) {}

      @Override
      public void setConsoleAccess(MacAddress mac, boolean allowed) {}
    };
  }

  /**
   * The faults: the firewall's (drift, refused changes: the classroom is not protected as set) and
   * IPv4 forwarding off (approved devices reach nothing).
   */
  List<String> faults() {
    if (firewall == null) {
      return List.of();
    }
    List<String> all = new ArrayList<>(forwardingFaults);
    all.addAll(firewall.problems());
    return all;
  }

  /** Warnings: the radio's driver ignores isolation, the kernel lacks bridge matching. */
  List<String> warnings() {
    List<String> all = new ArrayList<>(driverWarnings);
    if (firewall != null) {
      all.addAll(firewall.warnings());
    }
    return all;
  }
}
