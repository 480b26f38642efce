package org.classgate.incidents;

import java.util.Locale;

/** What a member of staff did with an alert in the console. */
public enum AlertHandling {
  /** Seen, and being acted on. */
  ACKNOWLEDGED,
  /** Seen, and judged to need nothing further. */
  DISMISSED;

  /** The stored and shown name, e.g. {@code dismissed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException for a label that names no handling
   */
  public static AlertHandling ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
