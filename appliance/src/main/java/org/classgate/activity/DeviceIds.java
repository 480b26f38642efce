package org.classgate.activity;

import org.classgate.dns.DnsQuery;

/**
 * Which device asked a query, for the activity log. Thread-safe; called on the DNS hot path, so it
 * must not block (read what the identity stage attached to the query, never the database).
 */
@FunctionalInterface
public interface DeviceIds {
  /** The device registry's stable id of the query's client, or null if it is not a known device. */
  String deviceIdOf(DnsQuery query);

  /** No device registry yet: every record carries a null device id (its client address remains). */
  DeviceIds UNKNOWN = query -> null;
}
