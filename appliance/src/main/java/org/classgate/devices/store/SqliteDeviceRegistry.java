package org.classgate.devices.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceChange;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.DeviceImport;
import org.classgate.devices.DeviceRegistry;
import org.classgate.devices.MacAddress;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.DeviceChangePayload;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.time.Stamp;
import org.classgate.time.TrustedTime;
import org.tinylog.TaggedLogger;

/**
 * The device registry in SQLite (tables {@code device}, {@code device_address}, {@code
 * device_event}, {@code device_registry_head}; migration 004). Every method is one transaction; the
 * stamp is taken before it, because {@link TrustedTime} may itself write to the database. Every
 * device event (quarantined, approved, class changed, blocked, forgotten, imported) is queued for
 * the school hub as a DEVICE_CHANGE record with the device's state after it, in the same
 * transaction. Thread-safe through {@link Database}.
 */
public final class SqliteDeviceRegistry implements DeviceRegistry {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("devices");

  /** Waiting devices first (a teacher's to-do list), then approved, then blocked. */
  private static final Comparator<Device> LISTING =
      Comparator.comparing(Device::approval)
          .thenComparing(d -> d.name() == null ? "\uffff" : d.name())
          .thenComparing(d -> d.mac().bits());

  /** The actor of changes the network made (a device seen for the first time). */
  static final String SYSTEM = "system";

  private final Database database;
  private final TrustedTime time;
  private final OutboundRecords outbound;

  /**
   * @param database the box's database, migrated; non-null
   * @param time stamps every change; non-null
   * @param outbound where device changes go for the school hub, in their transaction; non-null
   */
  public SqliteDeviceRegistry(Database database, TrustedTime time, OutboundRecords outbound) {
    this.database = Objects.requireNonNull(database, "database");
    this.time = Objects.requireNonNull(time, "time");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
  }

  @Override
  public Sighting record(DeviceEvent event) throws StoreException {
    Stamp now = time.now();
    String mac = event.mac().toString();
    Sighting sighting =
        database.transaction(
            "recording " + event,
            c -> {
              boolean known = exists(c, mac);
              boolean changed = false;
              if (!known) {
                insert(c, mac, null, ApprovalState.QUARANTINED, now, now);
                event(c, mac, "quarantined", "first seen: " + event, null, now);
                changed = true;
              }
              try (PreparedStatement seen =
                  c.prepareStatement(
                      "UPDATE device SET "
                          + StampColumns.assignments("last")
                          + ", hostname = coalesce(?, hostname) WHERE mac = ?")) {
                StampColumns.bind(seen, 1, now);
                seen.setString(6, event.hostname());
                seen.setString(7, mac);
                seen.executeUpdate();
              }
              // A pre-registered device is seen for the first time.
              try (PreparedStatement first =
                  c.prepareStatement(
                      "UPDATE device SET "
                          + StampColumns.assignments("first")
                          + " WHERE mac = ? AND first_boot IS NULL")) {
                StampColumns.bind(first, 1, now);
                first.setString(6, mac);
                first.executeUpdate();
              }
              if (event.kind().isLease()) {
                changed |= lease(c, event, now);
              }
              if (changed) {
                raiseRevision(c);
              }
              return new Sighting(one(c, mac), !known);
            });
    if (sighting.newlyQuarantined()) {
      LOG.info("new device {} quarantined until a teacher approves it ({})", mac, event);
    }
    return sighting;
  }

  /** Holds or releases the lease's address; whether the address table changed. */
  private static boolean lease(Connection c, DeviceEvent event, Stamp now) throws SQLException {
    String address = event.address().getHostAddress();
    String mac = event.mac().toString();
    if (event.kind() == DeviceEvent.Kind.LEASE_ENDED) {
      try (PreparedStatement release =
          c.prepareStatement("DELETE FROM device_address WHERE address = ? AND mac = ?")) {
        release.setString(1, address);
        release.setString(2, mac);
        return release.executeUpdate() > 0;
      }
    }
    String holder = null;
    try (PreparedStatement current =
        c.prepareStatement("SELECT mac FROM device_address WHERE address = ?")) {
      current.setString(1, address);
      try (ResultSet row = current.executeQuery()) {
        if (row.next()) {
          holder = row.getString(1);
        }
      }
    }
    // INSERT OR REPLACE moves an address that another device held to this one.
    try (PreparedStatement hold =
        c.prepareStatement(
            "INSERT OR REPLACE INTO device_address (address, mac, "
                + StampColumns.names("seen")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      hold.setString(1, address);
      hold.setString(2, mac);
      StampColumns.bind(hold, 3, now);
      hold.executeUpdate();
    }
    return !mac.equals(holder);
  }

  @Override
  public Optional<Device> find(MacAddress mac) throws StoreException {
    return database.transaction(
        "reading device " + mac, c -> Optional.ofNullable(one(c, mac.toString())));
  }

  @Override
  public List<Device> all() throws StoreException {
    List<Device> devices =
        database.transaction("reading devices", c -> DeviceRows.select(c, null, null));
    return devices.stream().sorted(LISTING).toList();
  }

  @Override
  public Device approve(MacAddress mac, DeviceClass deviceClass, String name, String actor)
      throws StoreException {
    Objects.requireNonNull(deviceClass, "deviceClass");
    requireActor(actor);
    Stamp now = time.now();
    Device device =
        database.transaction(
            "approving " + mac,
            c -> {
              Device before = one(c, mac.toString());
              String kind =
                  before != null
                          && before.approval() == ApprovalState.APPROVED
                          && before.deviceClass() != deviceClass
                      ? "class-changed"
                      : "approved";
              decide(c, mac, ApprovalState.APPROVED, deviceClass, name, now);
              event(c, mac.toString(), kind, "class " + deviceClass, actor, now);
              return one(c, mac.toString());
            });
    LOG.info("device {} approved as {} by {}", mac, deviceClass, actor);
    return device;
  }

  @Override
  public Device block(MacAddress mac, String actor) throws StoreException {
    requireActor(actor);
    Stamp now = time.now();
    Device device =
        database.transaction(
            "blocking " + mac,
            c -> {
              Device before = one(c, mac.toString());
              decide(
                  c,
                  mac,
                  ApprovalState.BLOCKED,
                  before == null ? null : before.deviceClass(),
                  null,
                  now);
              event(c, mac.toString(), "blocked", "kept off the network", actor, now);
              return one(c, mac.toString());
            });
    LOG.info("device {} blocked by {}", mac, actor);
    return device;
  }

  @Override
  public Optional<Device> unblock(MacAddress mac, String actor) throws StoreException {
    requireActor(actor);
    Stamp now = time.now();
    Optional<Device> device =
        database.transaction(
            "unblocking " + mac,
            c -> {
              Device before = one(c, mac.toString());
              if (before == null) {
                return Optional.<Device>empty();
              }
              if (before.approval() != ApprovalState.BLOCKED) {
                throw new IllegalStateException(mac + " is not blocked");
              }
              // Back to the class it had; without one it waits for a teacher, as when first seen.
              ApprovalState after =
                  before.deviceClass() == null ? ApprovalState.QUARANTINED : ApprovalState.APPROVED;
              decide(c, mac, after, before.deviceClass(), null, now);
              event(
                  c,
                  mac.toString(),
                  "unblocked",
                  after == ApprovalState.APPROVED
                      ? "back in class " + before.deviceClass()
                      : "waiting for a class",
                  actor,
                  now);
              return Optional.of(one(c, mac.toString()));
            });
    device.ifPresent(d -> LOG.info("device {} unblocked by {}: {}", mac, actor, d.approval()));
    return device;
  }

  /** Sets approval, class and (if non-null) name, registering the device if needed. */
  private static void decide(
      Connection c,
      MacAddress mac,
      ApprovalState approval,
      DeviceClass deviceClass,
      String name,
      Stamp now)
      throws SQLException {
    String key = mac.toString();
    if (!exists(c, key)) {
      insert(c, key, deviceClass, approval, null, now);
    }
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE device SET approval = ?, device_class = ?, name = coalesce(?, name), "
                + StampColumns.assignments("changed")
                + " WHERE mac = ?")) {
      update.setString(1, approval.configName());
      update.setString(2, deviceClass == null ? null : deviceClass.configName());
      update.setString(3, name);
      StampColumns.bind(update, 4, now);
      update.setString(9, key);
      update.executeUpdate();
    }
    raiseRevision(c);
  }

  @Override
  public boolean forget(MacAddress mac, String actor) throws StoreException {
    requireActor(actor);
    Stamp now = time.now();
    boolean forgotten =
        database.transaction(
            "forgetting " + mac,
            c -> {
              int deleted;
              try (PreparedStatement delete =
                  c.prepareStatement("DELETE FROM device WHERE mac = ?")) {
                delete.setString(1, mac.toString());
                deleted = delete.executeUpdate();
              }
              if (deleted > 0) {
                event(c, mac.toString(), "forgotten", "removed from the registry", actor, now);
                raiseRevision(c);
              }
              return deleted > 0;
            });
    if (forgotten) {
      LOG.info("device {} forgotten by {}", mac, actor);
    }
    return forgotten;
  }

  @Override
  public int importAll(List<DeviceImport> rows) throws StoreException {
    Stamp now = time.now();
    int added =
        database.transaction(
            "importing " + rows.size() + " devices",
            c -> {
              Set<String> seen = new HashSet<>();
              int fresh = 0;
              for (DeviceImport row : rows) {
                String key = row.mac().toString();
                if (!seen.add(key)) {
                  // The file reader refuses duplicates; this guards direct callers.
                  throw new SQLException("line " + row.line() + ": " + key + " appears twice");
                }
                if (!exists(c, key)) {
                  insert(c, key, row.deviceClass(), ApprovalState.APPROVED, null, now);
                  fresh++;
                }
                try (PreparedStatement update =
                    c.prepareStatement(
                        "UPDATE device SET approval = 'approved', device_class = ?,"
                            + " name = coalesce(?, name), owner = coalesce(?, owner),"
                            + " notes = coalesce(?, notes), "
                            + StampColumns.assignments("changed")
                            + " WHERE mac = ?")) {
                  update.setString(1, row.deviceClass().configName());
                  update.setString(2, row.name());
                  update.setString(3, row.owner());
                  update.setString(4, row.notes());
                  StampColumns.bind(update, 5, now);
                  update.setString(10, key);
                  update.executeUpdate();
                }
                event(
                    c,
                    key,
                    "imported",
                    "line " + row.line() + ", class " + row.deviceClass(),
                    null,
                    now);
              }
              if (!rows.isEmpty()) {
                raiseRevision(c);
              }
              return fresh;
            });
    LOG.info("imported {} devices ({} new)", rows.size(), added);
    return added;
  }

  @Override
  public List<DeviceChange> changes(int limit) throws StoreException {
    return database.transaction(
        "reading device changes",
        c -> {
          List<DeviceChange> changes = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, mac, kind, detail, actor, "
                      + StampColumns.names("at")
                      + " FROM device_event ORDER BY id DESC LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                changes.add(
                    new DeviceChange(
                        row.getLong("id"),
                        row.getString("mac"),
                        row.getString("kind"),
                        row.getString("detail"),
                        row.getString("actor"),
                        StampColumns.read(row, "at")));
              }
            }
          }
          return changes;
        });
  }

  @Override
  public long revision() throws StoreException {
    return singleLong(
        "reading the registry revision",
        "SELECT revision FROM device_registry_head WHERE singleton = 1");
  }

  @Override
  public long quarantineEvents() throws StoreException {
    return singleLong(
        "counting quarantine events",
        "SELECT count(*) FROM device_event WHERE kind = 'quarantined'");
  }

  /** The one number {@code sql} selects, or 0 when it selects no row. */
  private long singleLong(String what, String sql) throws StoreException {
    return database.transaction(
        what,
        c -> {
          try (PreparedStatement select = c.prepareStatement(sql);
              ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0L;
          }
        });
  }

  private static void requireActor(String actor) {
    if (actor == null || actor.isBlank()) {
      throw new IllegalArgumentException("a device decision needs the person who made it");
    }
  }

  private static Device one(Connection c, String mac) throws SQLException {
    List<Device> found = DeviceRows.select(c, "mac = ?", mac);
    return found.isEmpty() ? null : found.get(0);
  }

  private static boolean exists(Connection c, String mac) throws SQLException {
    try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM device WHERE mac = ?")) {
      select.setString(1, mac);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private static void insert(
      Connection c,
      String mac,
      DeviceClass deviceClass,
      ApprovalState approval,
      Stamp firstSeen,
      Stamp now)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO device (mac, device_class, approval, randomised, "
                + StampColumns.names("first")
                + ", "
                + StampColumns.names("changed")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, mac);
      insert.setString(2, deviceClass == null ? null : deviceClass.configName());
      insert.setString(3, approval.configName());
      insert.setInt(4, MacAddress.parse(mac).locallyAdministered() ? 1 : 0);
      StampColumns.bind(insert, 5, firstSeen);
      StampColumns.bind(insert, 10, now);
      insert.executeUpdate();
    }
  }

  /**
   * Records a device event and queues it for the hub with the device's state after it.
   *
   * @param actor who made the change; null when the network made it (a device seen)
   */
  private void event(Connection c, String mac, String kind, String detail, String actor, Stamp at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO device_event (mac, kind, detail, actor, "
                + StampColumns.names("at")
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, mac);
      insert.setString(2, kind);
      insert.setString(3, detail);
      insert.setString(4, actor);
      StampColumns.bind(insert, 5, at);
      insert.executeUpdate();
    }
    Device after = one(c, mac);
    outbound.append(
        c,
        RecordKind.DEVICE_CHANGE,
        new DeviceChangePayload(
                mac,
                after == null ? null : after.name(),
                after == null || after.deviceClass() == null
                    ? null
                    : after.deviceClass().configName(),
                after == null ? "forgotten" : after.approval().configName(),
                kind,
                actor == null ? SYSTEM : actor,
                at.wallTime(),
                at)
            .encode());
  }

  private static void raiseRevision(Connection c) throws SQLException {
    try (PreparedStatement raise =
        c.prepareStatement(
            "UPDATE device_registry_head SET revision = revision + 1 WHERE singleton = 1")) {
      raise.executeUpdate();
    }
  }
}
