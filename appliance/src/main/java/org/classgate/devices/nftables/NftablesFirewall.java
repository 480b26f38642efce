package org.classgate.devices.nftables;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import org.classgate.devices.AccessControlPlane;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.MacAddress;
import org.classgate.devices.network.AtomicFiles;
import org.classgate.devices.network.ClassroomNetwork;
import org.classgate.devices.network.CommandRunner;
import org.classgate.dns.Subnet;
import org.tinylog.TaggedLogger;

/**
 * ClassGate's firewall: keeps the wanted state (each device's access, which staff devices may use
 * the console, the DoH addresses), writes it as one nftables ruleset file and, when live, applies
 * it with {@code nft -f} in one transaction, then reads it back to check it took. Device changes
 * are element updates of the {@code access} map and the console set in one small transaction, not a
 * reload: the table, its chains and other devices' elements stay as they are. If an element update
 * is refused (the kernel no longer holds what it should) the whole ruleset is applied again from
 * the wanted state.
 *
 * <p>In dry-run ({@link #dryRun}) the same file is written on every change and nothing is applied.
 * Thread-safe: every change is serialised on this object.
 */
public final class NftablesFirewall implements AccessControlPlane {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("network");

  private final ClassroomNetwork network;
  private final Path rulesetFile;
  private final CommandRunner nft; // null: dry run
  private final LongSupplier nanoTime;

  private final Map<MacAddress, DeviceAccess> devices =
      new TreeMap<>(Comparator.comparingLong(MacAddress::bits));
  private final Set<MacAddress> consoleDevices = new HashSet<>();
  private List<Subnet> doh;
  private Boolean bridgeIsolation; // probed once, live only
  private RulesetSnapshot baseline;
  private volatile List<String> problems = List.of();

  private NftablesFirewall(
      ClassroomNetwork network,
      List<Subnet> doh,
      Path rulesetFile,
      CommandRunner nft,
      LongSupplier nanoTime) {
    this.network = network;
    this.doh = List.copyOf(doh);
    this.rulesetFile = rulesetFile;
    this.nft = nft;
    this.nanoTime = nanoTime;
  }

  /** A firewall that only writes {@code rulesetFile} (dev mode: {@code network.mode=dry-run}). */
  public static NftablesFirewall dryRun(
      ClassroomNetwork network, List<Subnet> doh, Path rulesetFile) {
    return new NftablesFirewall(network, doh, rulesetFile, null, System::nanoTime);
  }

  /**
   * A firewall that applies its rules with {@code nft} through {@code runner}.
   *
   * @param nanoTime measures how long applying takes (logged)
   */
  public static NftablesFirewall live(
      ClassroomNetwork network,
      List<Subnet> doh,
      Path rulesetFile,
      CommandRunner runner,
      LongSupplier nanoTime) {
    return new NftablesFirewall(network, doh, rulesetFile, runner, nanoTime);
  }

  /**
   * Sets the wanted state of many devices at once without touching the kernel, e.g. from the
   * registry before the first {@link #applyRuleset()}.
   */
  public synchronized void preload(Map<MacAddress, DeviceAccess> known, Set<MacAddress> console) {
    devices.putAll(known);
    consoleDevices.addAll(console);
  }

  /**
   * Writes the whole ruleset from the wanted state and, when live, applies it as one transaction
   * and reads it back.
   *
   * @throws FirewallException if nft refused it (the previous ruleset, if any, stays in force) or
   *     the read-back differs from what was written
   */
  public synchronized void applyRuleset() {
    NftRuleset.Rendered rendered = NftRuleset.render(inputs());
    write(rendered.text());
    if (nft == null) {
      return;
    }
    long started = nanoTime.getAsLong();
    CommandRunner.Result result = nft(List.of("nft", "-f", rulesetFile.toString()), null);
    if (!result.succeeded()) {
      throw fail("nft refused the ruleset " + rulesetFile + ": " + result.diagnostics());
    }
    RulesetSnapshot readBack = readBack();
    List<String> found =
        new ArrayList<>(RulesetDrift.againstRendered(readBack, rendered.rulesPerChain()));
    baseline = readBack;
    found.addAll(driftFrom(readBack));
    problems = List.copyOf(found);
    LOG.info(
        "firewall applied in {} ms: {} devices, {} DoH addresses{}",
        (nanoTime.getAsLong() - started) / 1_000_000,
        devices.size(),
        doh.size(),
        found.isEmpty() ? "" : "; read-back differs: " + found);
    if (!found.isEmpty()) {
      throw new FirewallException("the ruleset read back differs from what was applied: " + found);
    }
  }

  @Override
  public synchronized void apply(MacAddress mac, DeviceAccess access) {
    change(mac, access);
  }

  @Override
  public synchronized void forget(MacAddress mac) {
    change(mac, null);
  }

  /**
   * Marks {@code mac} as a staff device that may reach the console; it does so only while it has
   * full access. An element update of the console set, not a reload.
   */
  @Override
  public synchronized void setConsoleAccess(MacAddress mac, boolean allowed) {
    if (allowed ? consoleDevices.add(mac) : consoleDevices.remove(mac)) {
      DeviceAccess access = devices.get(mac);
      updateElements(mac, access, access);
    }
  }

  /** Replaces the DNS-over-HTTPS address sets' contents in one transaction. */
  public synchronized void replaceDohAddresses(List<Subnet> addresses) {
    doh = List.copyOf(addresses);
    write(NftRuleset.render(inputs()).text());
    if (nft == null) {
      return;
    }
    CommandRunner.Result result = nft(List.of("nft", "-f", "-"), NftRuleset.dohReplacement(doh));
    if (!result.succeeded()) {
      LOG.warn("DoH address update refused ({}); applying the whole ruleset", result.diagnostics());
      applyRuleset();
      return;
    }
    // The interval sets' new contents become the reference for later drift checks.
    baseline = readBack();
    problems = List.copyOf(driftFrom(baseline));
  }

  /**
   * Reads the kernel's ruleset and compares it with what ClassGate applied: rules deleted or added
   * by hand, a table reloaded by something else, devices missing or unexpected. Live only (empty in
   * dry run). The result also becomes {@link #problems()}.
   */
  public synchronized List<String> checkDrift() {
    if (nft == null) {
      return List.of();
    }
    if (baseline == null) {
      problems = List.of("the firewall ruleset has not been applied yet");
      return problems;
    }
    List<String> found;
    try {
      found = driftFrom(readBack());
    } catch (FirewallException e) {
      found = List.of(e.getMessage());
    }
    problems = List.copyOf(found);
    return found;
  }

  /**
   * What is wrong with the firewall now, one line each; empty when it is as ClassGate applied it.
   * Every line means the classroom may not be protected as configured (a fault for the health
   * display). Thread-safe, never blocks.
   */
  public List<String> problems() {
    return problems;
  }

  /** The wanted access of every known device. */
  public synchronized Map<MacAddress, DeviceAccess> devices() {
    return new LinkedHashMap<>(devices);
  }

  private void change(MacAddress mac, DeviceAccess next) {
    if (next == null) {
      consoleDevices.remove(mac); // forgotten: seen again, it starts from nothing
    }
    if (devices.get(mac) == next) {
      return; // already so: no nft process for a change that changes nothing
    }
    DeviceAccess previous = next == null ? devices.remove(mac) : devices.put(mac, next);
    updateElements(mac, previous, next);
  }

  private void updateElements(MacAddress mac, DeviceAccess previous, DeviceAccess next) {
    write(NftRuleset.render(inputs()).text());
    if (nft == null) {
      return;
    }
    if (baseline == null) {
      // Not applied yet: the first applyRuleset() will carry this change.
      return;
    }
    boolean console = next == DeviceAccess.FULL && consoleDevices.contains(mac);
    long started = nanoTime.getAsLong();
    CommandRunner.Result result =
        nft(List.of("nft", "-f", "-"), NftRuleset.deviceChange(mac, previous, next, console));
    if (result.succeeded()) {
      LOG.debug(
          "device {} → {} in {} µs",
          mac,
          next == null ? "unknown" : next,
          (nanoTime.getAsLong() - started) / 1000);
      return;
    }
    LOG.warn(
        "element update for {} refused ({}): the ruleset drifted; applying the whole ruleset",
        mac,
        result.diagnostics());
    applyRuleset();
  }

  private NftRuleset.Inputs inputs() {
    Set<MacAddress> console = new TreeSet<>(Comparator.comparingLong(MacAddress::bits));
    for (MacAddress mac : consoleDevices) {
      if (devices.get(mac) == DeviceAccess.FULL) {
        console.add(mac);
      }
    }
    return new NftRuleset.Inputs(network, doh, devices, console, bridgeIsolation());
  }

  /**
   * Whether the kernel can match the bridge a frame crosses ({@code meta ibrname}, module
   * nft_meta_bridge). Asked once with {@code nft -c}, which checks a ruleset against the kernel
   * without applying it. In dry run the rules are written as for a Raspberry Pi OS kernel, which
   * has the module.
   */
  private boolean bridgeIsolation() {
    if (nft == null) {
      return true;
    }
    if (bridgeIsolation == null) {
      String probe =
          "table bridge classgate_probe {\n  chain forward {\n"
              + "    type filter hook forward priority filter; policy accept;\n"
              + "    meta ibrname \""
              + network.classroomInterface()
              + "\" drop\n  }\n}\n";
      CommandRunner.Result result;
      try {
        result = nft.run(List.of("nft", "-c", "-f", "-"), probe);
      } catch (IOException e) {
        result = new CommandRunner.Result(-1, "", e.getMessage());
      }
      bridgeIsolation = result.succeeded();
      if (!bridgeIsolation) {
        LOG.warn(
            "this kernel cannot filter bridged frames by bridge (nft_meta_bridge): {}",
            result.diagnostics());
      }
    }
    return bridgeIsolation;
  }

  /**
   * What limits the firewall on this kernel, one line each; a warning for the health display, not a
   * fault: today only a kernel without nft_meta_bridge, which cannot drop frames bridged between
   * two ports of a classroom bridge. Thread-safe.
   */
  public synchronized List<String> warnings() {
    if (Boolean.FALSE.equals(bridgeIsolation)) {
      return List.of(
          "the kernel lacks nft_meta_bridge: if the classroom interface is a bridge, frames"
              + " bridged between its ports are not filtered (radio isolation must stop them)");
    }
    return List.of();
  }

  private List<String> driftFrom(RulesetSnapshot now) {
    Map<String, List<String>> expected = new LinkedHashMap<>();
    NftRuleset.Inputs inputs = inputs();
    List<String> access = new ArrayList<>();
    inputs
        .devices()
        .forEach((mac, level) -> access.add(mac + " : goto " + NftRuleset.chainFor(level)));
    expected.put("inet " + NftRuleset.ACCESS, access);
    List<String> console = new ArrayList<>();
    inputs.console().forEach(mac -> console.add(mac.toString()));
    expected.put("inet " + NftRuleset.CONSOLE, console);
    List<String> fixed =
        List.of(
            "inet " + NftRuleset.DOH_V4,
            "inet " + NftRuleset.DOH_V6,
            "inet " + NftRuleset.SCHOOL,
            "inet " + NftRuleset.NON_PUBLIC);
    return RulesetDrift.between(baseline, now, fixed, expected);
  }

  private RulesetSnapshot readBack() {
    CommandRunner.Result result = nft(List.of("nft", "-j", "list", "ruleset"), null);
    if (!result.succeeded()) {
      throw fail("cannot read the ruleset back: " + result.diagnostics());
    }
    try {
      return RulesetSnapshot.parse(result.stdout());
    } catch (IOException e) {
      throw fail(e.getMessage());
    }
  }

  private CommandRunner.Result nft(List<String> command, String stdin) {
    try {
      return nft.run(command, stdin);
    } catch (IOException e) {
      throw fail("cannot run " + String.join(" ", command) + ": " + e.getMessage());
    }
  }

  private void write(String text) {
    try {
      AtomicFiles.write(rulesetFile, text, false);
    } catch (IOException e) {
      throw fail("cannot write " + rulesetFile + ": " + e.getMessage());
    }
  }

  private FirewallException fail(String message) {
    problems = List.of(message);
    LOG.error("firewall: {}", message);
    return new FirewallException(message);
  }
}
