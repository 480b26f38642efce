package org.classgate.incidents;

import java.util.Locale;

/** How soon the Designated Safeguarding Lead should look at an alert, most urgent first. */
public enum AlertSeverity {
  /** Illegal content or a watched category (self-harm, extremism): today, in person. */
  URGENT,
  /** A child asked for help with the report button: this lesson. */
  HIGH,
  /** A pattern worth a look (repeated blocks on a harmful category). */
  MEDIUM;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity of alerts of {@code kind}. */
  public static AlertSeverity of(AlertKind kind) {
    return switch (kind) {
      case LOCKED_CONTENT, SAFEGUARDING_CATEGORY -> URGENT;
      case REPORT_BUTTON -> HIGH;
      case REPEATED_BLOCKS -> MEDIUM;
    };
  }
}
