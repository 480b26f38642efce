package org.classgate.incidents;

import java.util.Locale;

/** Why an alert was raised for the Designated Safeguarding Lead. */
public enum AlertKind {
  /** An attempt on a locked (illegal-content) list: always, at once. */
  LOCKED_CONTENT,
  /** An attempt on a category watched for safeguarding (self-harm, extremism): at once. */
  SAFEGUARDING_CATEGORY,
  /** Repeated blocked attempts on a harmful category from one device within a short time. */
  REPEATED_BLOCKS,
  /** The report button was pressed (one alert per report, however many presses it counts). */
  REPORT_BUTTON;

  /** The stored and printed name, e.g. {@code locked-content}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static AlertKind ofLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
