package org.classgate.app;

/**
 * Makes untrusted text (a domain name from a list, a reason typed by a user, a config value) safe
 * to print on a terminal or into the log: control characters and bidirectional overrides, which
 * could move the cursor, recolour or reorder what an administrator reads, are shown as {@code
 * \\uXXXX}.
 */
public final class TerminalText {
  private TerminalText() {}

  /** {@code text} with every unsafe character escaped; newlines are kept when {@code keepLines}. */
  public static String escape(String text, boolean keepLines) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c == '\n' && keepLines) || !unsafe(c)) {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean unsafe(char c) {
    return c < 0x20
        || (c >= 0x7f && c < 0xa0)
        || (c >= 0x202a && c <= 0x202e)
        || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e
        || c == 0x200f;
  }
}
