package org.classgate.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.classgate.app.ConsoleFiltering;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.devices.AccessControlPlane;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.DeviceIdentity;
import org.classgate.devices.DeviceRefresh;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Profile;
import org.classgate.dns.wire.Name;
import org.classgate.filter.ListLoadException;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * The devices and filtering modules on a {@link ConsoleFixture}'s database, built as the box builds
 * them: a real configuration with small list files (a games and a gambling category, a locked list,
 * allow and deny entries, a timetable), the real SQLite registry and device refresh, and the box's
 * own filtering module ({@link ConsoleFiltering#standalone}: its allowance store, change log and
 * request store on the same database). Only the firewall is a recording fake ({@link #plane}): the
 * network path is tested by the app and classroom ITs. Its own stepped wall clock starts on a
 * Monday in the first lesson (09:10, London, GMT).
 */
final class FilteringModules {
  static final String BLOCKED = "quiz.allowed.test";
  static final String HIGH_RISK = "poker.allowed.test";
  static final String LOCKED = "illegal.allowed.test";
  static final String DENIED = "chat.allowed.test";
  static final String ALLOWED_ENTRY = "wiki.allowed.test";

  final SteppedWallClock clock = new SteppedWallClock(Instant.parse("2025-03-03T09:10:00Z"));
  final long[] nanos = {5_000_000_000L};
  final RecordingPlane plane = new RecordingPlane();
  final ApplianceConfig config;
  SqliteDeviceRegistry registry;

  FilteringModules(Path dir) throws Exception {
    Path lists = Files.createDirectories(dir.resolve("lists"));
    Files.writeString(lists.resolve("games.txt"), BLOCKED + "\n");
    Files.writeString(lists.resolve("gambling.txt"), HIGH_RISK + "\n");
    Files.writeString(lists.resolve("locked.txt"), LOCKED + "\n");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("box").toString());
    raw.put("dns.listen", "127.0.0.1:0");
    // Never asked: nothing here resolves names.
    raw.put("dns.upstream", "127.0.0.1:9");
    raw.put("lists.games", lists.resolve("games.txt").toString());
    raw.put("lists.gambling", lists.resolve("gambling.txt").toString());
    raw.put("locked.illegal", lists.resolve("locked.txt").toString());
    raw.put("profile.pupil.block", "games, gambling");
    raw.put("profile.pupil.allow", ALLOWED_ENTRY);
    raw.put("profile.pupil.deny", DENIED);
    raw.put("profile.staff.block", "");
    raw.put("devices.class.staff-owned.profile", "staff");
    raw.put("timetable.zone", "Europe/London");
    raw.put("timetable.lessons", "Mon-Fri 09:00-10:00, Mon-Fri 10:15-11:15");
    config = ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  /** The modules, for {@code new ConsoleFixture(dir, cost, modules::on)}. */
  List<ConsoleModule> on(Database database) throws StoreException {
    registry =
        new SqliteDeviceRegistry(
            database,
            new TrustedTime(
                new SqliteSequences(database), "boot-a", () -> nanos[0], clock, ClockSync.ASSUMED),
            Outboxes.of(database));
    Map<String, Supplier<Profile>> profiles = new HashMap<>();
    for (String name : config.profiles().keySet()) {
      profiles.put(name, () -> new Profile(name, 0));
    }
    DeviceIdentity identity =
        new DeviceIdentity(
            config.devices().classes(),
            profiles,
            profiles.get(config.defaultProfile()),
            config.devices().quarantineSubnets());
    DeviceRefresh refresh =
        new DeviceRefresh(registry, identity, plane, config.devices().classes());
    return List.of(
        new DeviceRoutes(registry, config.devices().classes(), refresh::check),
        standalone(database));
  }

  private ConsoleModule standalone(Database database) throws StoreException {
    try {
      return ConsoleFiltering.standalone(config, database, clock);
    } catch (ListLoadException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "status closed_by close_reason" of every closed unblock request, in id order. */
  List<String> requestsClosedBy(Database database) throws StoreException {
    return database.transaction(
        "reading closed requests",
        c -> {
          List<String> rows = new java.util.ArrayList<>();
          try (var select =
                  c.prepareStatement(
                      "SELECT status, closed_by, close_reason FROM unblock_request"
                          + " WHERE status <> 'open' ORDER BY id");
              var row = select.executeQuery()) {
            while (row.next()) {
              rows.add(row.getString(1) + " " + row.getString(2) + " " + row.getString(3));
            }
          }
          return rows;
        });
  }

  static Name name(String text) {
    try {
      return Name.of(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** What the firewall was told, in order. Thread-safe. */
  static final class RecordingPlane implements AccessControlPlane {
    final List<String> calls = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    @Override
    public void apply(MacAddress mac, DeviceAccess access) {
      calls.add("apply " + mac + " " + access);
    }

    @Override
    public void forget(MacAddress mac) {
      calls.add("forget " + mac);
    }

    @Override
    public void setConsoleAccess(MacAddress mac, boolean allowed) {
      calls.add("console " + mac + " " + allowed);
    }
  }
}
