package org.classgate.filter;

import java.util.Arrays;

/**
 * Hosts-file boilerplate (see hosts(5) on Debian and RHEL) that a list must never block: blocking
 * these would break the device, and {@code local} would cover every mDNS name (RFC 6762). Besides
 * the fixed names, every single-label name starting {@code ip6-} (ip6-localhost, ip6-allnodes …) of
 * at most {@value #MAX_CHARS} characters. Stateless and thread-safe.
 */
final class LocalNames {
  private static final String[] NAMES = {
    "localhost",
    "localhost.localdomain",
    "localhost4",
    "localhost4.localdomain4",
    "localhost6",
    "localhost6.localdomain6",
    "broadcasthost",
    "local"
  };

  /** The longest of {@link #NAMES}; longer names are never local. */
  static final int MAX_CHARS = 23;

  /** The wire forms of {@link #NAMES}, by text length: most lengths have none. */
  private static final byte[][][] BY_LENGTH = new byte[MAX_CHARS + 1][][];

  static {
    for (String name : NAMES) {
      byte[][] same = BY_LENGTH[name.length()];
      same = same == null ? new byte[1][] : Arrays.copyOf(same, same.length + 1);
      same[same.length - 1] = wireOf(name);
      BY_LENGTH[name.length()] = same;
    }
  }

  private LocalNames() {}

  /**
   * True if the lower-case wire-form name in {@code wire[0, length + 2)}, {@code length} characters
   * of text in {@code labels} labels, is local.
   */
  static boolean contains(byte[] wire, int length, int labels) {
    // Kept tiny for the hot path: most names are too long or of a length no local name has.
    return length <= MAX_CHARS
        && labels <= 2
        && (BY_LENGTH[length] != null || wire[1] == 'i')
        && matches(wire, length, labels);
  }

  private static boolean matches(byte[] wire, int length, int labels) {
    if (labels == 1
        && length >= 4
        && wire[1] == 'i'
        && wire[2] == 'p'
        && wire[3] == '6'
        && wire[4] == '-') {
      return true;
    }
    byte[][] candidates = BY_LENGTH[length];
    if (candidates != null) {
      for (byte[] local : candidates) {
        if (Arrays.equals(wire, 0, length + 2, local, 0, local.length)) {
          return true;
        }
      }
    }
    return false;
  }

  private static byte[] wireOf(String name) {
    byte[] wire = new byte[name.length() + 2];
    int labelStart = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '.') {
        wire[labelStart] = (byte) (i - labelStart);
        labelStart = i + 1;
      } else {
        wire[i + 1] = (byte) name.charAt(i);
      }
    }
    return wire; // the last octet stays 0: the root label
  }
}
