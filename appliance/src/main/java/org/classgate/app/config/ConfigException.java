package org.classgate.app.config;

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
    StringBuilder out = new StringBuilder(Math.min(value.length(), 200));
    for (int i = 0; i < value.length() && out.length() < 200; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return value.length() > 200 ? out + "…" : out.toString();
  }
}
