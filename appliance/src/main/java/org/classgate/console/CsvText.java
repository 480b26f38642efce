package org.classgate.console;

import java.util.List;

/**
 * CSV as RFC 4180 writes it (comma-separated, CRLF line ends, fields with a comma, quote or line
 * break quoted with quotes doubled), made safe to open in a spreadsheet: a cell starting with
 * {@code = + - @} (or a tab or carriage return, which some spreadsheets skip before such a sign) is
 * prefixed with an apostrophe, so it is read as text and never run as a formula (OWASP "CSV
 * Injection"). Not thread-safe: one per file.
 */
final class CsvText {
  private final StringBuilder out = new StringBuilder();

  /** Appends one record. */
  CsvText row(List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(cell(cells.get(i)));
    }
    out.append("\r\n");
    return this;
  }

  /** One field, neutralised and quoted as needed. */
  static String cell(String value) {
    String text = value == null ? "" : value;
    if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
      text = "'" + text;
    }
    if (text.indexOf(',') >= 0
        || text.indexOf('"') >= 0
        || text.indexOf('\n') >= 0
        || text.indexOf('\r') >= 0) {
      text = '"' + text.replace("\"", "\"\"") + '"';
    }
    return text;
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
