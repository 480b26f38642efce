package org.classgate.devices.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.MacAddress;
import org.tinylog.TaggedLogger;

/**
 * Reads {@code device} rows (with their {@code device_address} rows) into {@link Device}s. A row
 * that no longer decodes (edited by hand) is reported and read as quarantined without a class, the
 * strictest reading, rather than dropped: a dropped row would make the device unknown, which is the
 * same access, but would hide it from the teacher's list. Stateless.
 */
final class DeviceRows {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("devices");

  static final String COLUMNS =
      "mac, name, device_class, owner, approval, hostname, notes, "
          + StampColumns.names("first")
          + ", "
          + StampColumns.names("last")
          + ", "
          + StampColumns.names("changed");

  private DeviceRows() {}

  /** Devices matching {@code where} (SQL after WHERE, or null for all) with their addresses. */
  static List<Device> select(Connection c, String where, String parameter) throws SQLException {
    String sql = "SELECT " + COLUMNS + " FROM device" + (where == null ? "" : " WHERE " + where);
    Map<String, List<InetAddress>> addresses = addresses(c, where == null ? null : parameter);
    List<Device> devices = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      if (parameter != null) {
        select.setString(1, parameter);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Device device = decode(row, addresses.getOrDefault(row.getString("mac"), List.of()));
          if (device != null) {
            devices.add(device);
          }
        }
      }
    }
    return devices;
  }

  private static Device decode(ResultSet row, List<InetAddress> addresses) throws SQLException {
    String macText = row.getString("mac");
    MacAddress mac;
    try {
      mac = MacAddress.parse(macText);
    } catch (IllegalArgumentException e) {
      // A key that is no MAC can never match an event or a command: nothing to enforce.
      LOG.error("device row with key {} is not a MAC address; ignored", quoteForLog(macText));
      return null;
    }
    String classText = row.getString("device_class");
    DeviceClass deviceClass = classText == null ? null : DeviceClass.named(classText).orElse(null);
    ApprovalState approval =
        ApprovalState.named(String.valueOf(row.getString("approval"))).orElse(null);
    if (approval == null
        || (classText != null && deviceClass == null)
        || (approval == ApprovalState.APPROVED && deviceClass == null)) {
      LOG.error("device {} has an unreadable class or approval; treated as quarantined", mac);
      approval = ApprovalState.QUARANTINED;
    }
    return new Device(
        mac,
        row.getString("name"),
        deviceClass,
        row.getString("owner"),
        approval,
        row.getString("hostname"),
        row.getString("notes"),
        StampColumns.read(row, "first"),
        StampColumns.read(row, "last"),
        StampColumns.read(row, "changed"),
        addresses);
  }

  /** MAC → its addresses (IPv4 first), for one MAC or (with null) for all. */
  private static Map<String, List<InetAddress>> addresses(Connection c, String mac)
      throws SQLException {
    String sql =
        "SELECT mac, address FROM device_address"
            + (mac == null ? "" : " WHERE mac = ?")
            + " ORDER BY mac, length(address), address";
    Map<String, List<InetAddress>> byMac = new HashMap<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      if (mac != null) {
        select.setString(1, mac);
      }
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          InetAddress address = numeric(row.getString("address"));
          if (address != null) {
            byMac.computeIfAbsent(row.getString("mac"), m -> new ArrayList<>()).add(address);
          }
        }
      }
    }
    return byMac;
  }

  /** The stored address text (always written by us from a validated address) as an address. */
  private static InetAddress numeric(String text) {
    if (text == null || !text.matches("[0-9a-fA-F:.]{2,45}")) {
      LOG.error("device address row {} is not a numeric address; ignored", quoteForLog(text));
      return null;
    }
    try {
      return InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      LOG.error("device address row {} is not an address; ignored", quoteForLog(text));
      return null;
    }
  }

  private static String quoteForLog(String text) {
    if (text == null) {
      return "NULL";
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(40, text.length()); i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
    }
    return out.toString();
  }
}
