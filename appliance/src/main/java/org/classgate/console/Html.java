package org.classgate.console;

/** Escaping for text put into HTML the box writes itself (the block page). Stateless. */
final class Html {
  private Html() {}

  /**
   * {@code text} safe inside an element or a double- or single-quoted attribute: the five
   * characters HTML gives meaning to are replaced by character references, and controls other than
   * tab/newline are dropped. Null becomes the empty string.
   */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if (c >= 0x20 || c == '\t' || c == '\n') {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
