package org.classgate.activity.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.classgate.dns.Outcome;

/** Decoding of stored activity columns. Stateless. */
final class ActivityRows {
  /** Stands in for an address column that is not 4 or 16 bytes (a damaged row). */
  private static final InetAddress UNSPECIFIED = unspecified();

  private ActivityRows() {}

  /** The client address stored as its 4 or 16 bytes. */
  static InetAddress address(byte[] bytes) {
    if (bytes == null || (bytes.length != 4 && bytes.length != 16)) {
      return UNSPECIFIED;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return UNSPECIFIED; // unreachable: the length was checked
    }
  }

  /** The stored outcome name; SERVFAIL for a name this version does not know (never "allowed"). */
  static Outcome outcome(String name) {
    try {
      return Outcome.valueOf(name);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Outcome.SERVFAIL;
    }
  }

  /** The stored comma list of category names. */
  static List<String> categories(String text) {
    return text == null || text.isEmpty() ? List.of() : List.of(text.split(",", -1));
  }

  private static InetAddress unspecified() {
    try {
      return InetAddress.getByAddress(new byte[4]);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }
}
