package org.classgate.hub;

import java.util.Locale;

/**
 * Where a classroom box stands with this hub. A box asks to enrol ({@link #PENDING}), an
 * administrator approves it after comparing its code and fingerprint ({@link #APPROVED}), and may
 * remove it later ({@link #REMOVED}); a removed box stays removed, and everything it sends is
 * refused.
 */
public enum BoxStatus {
  /** Asked to enrol; nothing it sends is accepted until approved. */
  PENDING,
  /** Enrolled: its keys are pinned and its envelopes are accepted. */
  APPROVED,
  /** Removed by an administrator: refused from then on, for good. */
  REMOVED;

  /** The lower-case word used on the wire and in the database. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status whose {@link #word()} is {@code word}. */
  public static BoxStatus ofWord(String word) {
    return valueOf(word.toUpperCase(Locale.ROOT));
  }
}
