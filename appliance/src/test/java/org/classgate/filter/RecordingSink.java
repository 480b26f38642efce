package org.classgate.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * Records what a {@link ListLineParser} reports: each name as its dotted text (checking that the
 * wire form it came in is well formed and says how many labels it has), each exception as {@code
 * "@@name"}, each skip as {@code "!REASON"}.
 */
final class RecordingSink implements ListLineParser.Sink {
  final List<String> results = new ArrayList<>();

  @Override
  public void domain(byte[] wire, int length, int labels) {
    results.add(text(wire, length, labels));
  }

  @Override
  public void exception(byte[] wire, int length, int labels) {
    results.add("@@" + text(wire, length, labels));
  }

  @Override
  public void skipped(SkipReason reason) {
    results.add("!" + reason);
  }

  /** The dotted text of the wire-form name {@code wire[0, length)}. */
  static String text(byte[] wire, int length, int labels) {
    StringBuilder text = new StringBuilder();
    int pos = 0;
    int seen = 0;
    while (wire[pos] != 0) {
      int labelLength = wire[pos];
      if (labelLength < 1 || labelLength > 63 || pos + 1 + labelLength >= length) {
        throw new AssertionError("bad label length " + labelLength + " at " + pos);
      }
      if (seen++ > 0) {
        text.append('.');
      }
      for (int i = pos + 1; i <= pos + labelLength; i++) {
        text.append((char) wire[i]);
      }
      pos += 1 + labelLength;
    }
    if (pos != length - 1 || seen != labels) {
      throw new AssertionError("wire of " + text + ": length " + length + ", labels " + labels);
    }
    return text.toString();
  }
}
