package org.classgate.devices;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text into records as RFC 4180 §2 describes them: fields separated by commas, records
 * by CRLF (a bare LF is accepted too), fields optionally in double quotes, in which commas and line
 * breaks are literal and a doubled quote is one quote. Each record remembers the line it starts on,
 * so every problem can name its line. Not thread-safe; one instance per text.
 */
final class CsvRecords {
  /** One record: its fields, exactly as written, and the line it starts on (from 1). */
  record Record(int line, List<String> fields) {}

  /** Text that does not follow RFC 4180; the message names the line. */
  static final class Malformed extends Exception {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
      super(message);
    }
  }

  private final String text;
  private int at;
  private int line = 1;

  CsvRecords(String text) {
    this.text = text;
  }

  /** The next record, or null at the end of the text. */
  Record next() throws Malformed {
    if (at >= text.length()) {
      return null;
    }
    int start = line;
    List<String> fields = new ArrayList<>();
    while (true) {
      String field = text.startsWith("\"", at) ? quoted() : plain();
      fields.add(field);
      if (at >= text.length()) {
        return new Record(start, fields);
      }
      char c = text.charAt(at);
      if (c == ',') {
        at++;
      } else if (c == '\r' && text.startsWith("\r\n", at)) {
        at += 2;
        line++;
        return new Record(start, fields);
      } else if (c == '\n') {
        at++;
        line++;
        return new Record(start, fields);
      } else {
        throw new Malformed(
            "line " + line + ": unexpected character after a quoted field (quote it whole)");
      }
    }
  }

  private String plain() throws Malformed {
    int from = at;
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == ',' || c == '\n' || (c == '\r' && text.startsWith("\r\n", at))) {
        break;
      }
      if (c == '"') {
        throw new Malformed(
            "line "
                + line
                + ": a quote inside an unquoted field (quote the field, double the quote)");
      }
      at++;
    }
    return text.substring(from, at);
  }

  private String quoted() throws Malformed {
    int startLine = line;
    at++; // the opening quote
    StringBuilder field = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        if (text.startsWith("\"\"", at)) {
          field.append('"');
          at += 2;
          continue;
        }
        at++;
        return field.toString();
      }
      if (c == '\n') {
        line++;
      }
      field.append(c);
      at++;
    }
    throw new Malformed("line " + startLine + ": a quoted field is never closed");
  }
}
