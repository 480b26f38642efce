package org.classgate.app.config;

import org.classgate.app.TerminalText;

/**
 * A configuration value that cannot be used. The message names the key, the value as given and what
 * is allowed, so the person editing the file can fix it without reading code.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String value, String allowed) {
    super(describe(key, value, allowed));
    this.key = key;
  }

  /** For problems that are about a key as a whole (unknown key, unreadable file). */
  public ConfigException(String key, String message) {
    super(key == null ? message : key + ": " + message);
    this.key = key;
  }

  /** The offending key; null when the problem is not tied to one key (e.g. an unreadable file). */
  public String key() {
    return key;
  }

  private static String describe(String key, String value, String allowed) {
    String shown = value == null ? "(not set)" : "'" + printable(value) + "'";
    return key + " = " + shown + " is not allowed: " + allowed;
  }

  /** Keeps control characters from a config file out of the terminal and the log. */
  private static String printable(String value) {
    String shown = value.length() > 200 ? value.substring(0, 200) + "…" : value;
    return TerminalText.escape(shown, false);
  }
}
