package org.classgate.sync;

import java.util.Locale;

/** Where this box stands with its hub. */
public enum EnrolmentStatus {
  /** It has not asked the hub yet (or the hub's address or pin changed). */
  NONE,
  /** It asked; the hub's administrator has not approved it yet. */
  PENDING,
  /** Approved: the hub accepts its envelopes. */
  APPROVED,
  /** Removed at the hub: nothing it sends is accepted; a new enrolment needs new keys. */
  REMOVED;

  /** The lower-case word used by the hub's API and the database. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status for {@code word}; {@link IllegalArgumentException} for anything else. */
  public static EnrolmentStatus ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
