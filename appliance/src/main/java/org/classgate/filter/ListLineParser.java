package org.classgate.filter;

/**
 * Turns one line of a block list into normalised domains. Understands plain domain lines, hosts
 * file lines ({@code 0.0.0.0 a.example b.example}), {@code #} comments anywhere on a line, and a
 * leading {@code .} or {@code *.} (both mean the domain and its subdomains, which every entry means
 * anyway), and Adblock-style domain rules {@code ||name^} and exceptions {@code @@||name^} (see
 * {@link AdblockRule}; element-hiding rules such as {@code name##.banner} are skipped, never read
 * as {@code name} and a comment). Output names are lower-case ASCII without a trailing dot,
 * internationalised names in punycode (RFC 3490, see {@link TextNameNormaliser}), at most 253
 * characters in labels of 1-63 letters, digits, '-' or '_'. Underscores are kept because real lists
 * contain them (e.g. {@code ages_of_myst.tripod.com} in UT1) and DNS itself allows any octet (RFC
 * 2181 §11).
 *
 * <p>Three entry points with one meaning: {@link #parse(char[], int, Sink)} for any text; {@link
 * #parseAscii(byte[], int, int, Sink)}, the same for an ASCII line straight from its bytes; and
 * {@link #simpleLine(byte[], int, int)}, which reads the commonest line (a name and its line end)
 * where it lies in the read buffer. The byte paths decide only what their one-pass encoding ({@link
 * AsciiNameEncoder}) can tell for sure and hand everything else to the character rules.
 *
 * <p>Never throws on any input. Not thread-safe (reuses scratch buffers): one per load.
 */
final class ListLineParser {
  /** Longer lines are skipped unparsed: no real list entry comes near this. */
  static final int MAX_LINE_CHARS = 1024;

  /** Receives the result of each name on a line. */
  interface Sink {
    /**
     * A normalised name in wire form (RFC 1035 §3.1: length-prefixed labels, then the root's zero
     * octet), letters in lower case, in {@code wire[0, length)}, with {@code labels} (at least 1)
     * labels; the array is the parser's scratch buffer, only valid during the call.
     */
    void domain(byte[] wire, int length, int labels);

    /**
     * An Adblock-style exception ({@code @@||name^}): the name and its subdomains are taken out of
     * the list's category. The same form and lifetime as {@link #domain}.
     */
    void exception(byte[] wire, int length, int labels);

    void skipped(SkipReason reason);
  }

  /** {@link #simpleLine} result: not a plain name line; {@link #parseAscii} will tell. */
  static final int NOT_SIMPLE = -1;

  private static final byte[] ZEROS = {'0', '.', '0', '.', '0', '.', '0'};
  private static final byte[] LOOPBACK = {'1', '2', '7', '.', '0', '.', '0', '.', '1'};

  private final TextNameNormaliser normaliser = new TextNameNormaliser(MAX_LINE_CHARS);

  /** An ASCII token widened to chars, for the general path. */
  private final char[] widened = new char[MAX_LINE_CHARS];

  private final AsciiNameEncoder encoder = new AsciiNameEncoder();

  private final AdblockRule adblock = new AdblockRule();

  private int wireLength;
  private int lineEnd;

  /** The wire form of the name being reported: the encoder's, or {@link #toWire}'s. */
  private final byte[] wire = encoder.wire();

  /** Parses {@code line[0, length)}, reporting each name or skip to {@code sink}. */
  void parse(char[] line, int length, Sink sink) {
    int lineStart = skipSpace(line, 0, length);
    if (lineStart < length && AdblockRule.startsRule(line[lineStart])) {
      adblock(line, lineStart, trimEnd(line, lineStart, length), sink);
      return;
    }
    int end = length;
    for (int i = 0; i < length; i++) {
      if (line[i] == '#') {
        if (i > 0
            && !isSpace(line[i - 1])
            && i + 1 < length
            && AdblockRule.isCosmetic(line[i + 1])) {
          sink.skipped(SkipReason.ADBLOCK_PATTERN);
          return;
        }
        end = i;
        break;
      }
    }
    int firstStart = skipSpace(line, 0, end);
    if (firstStart == end) {
      return; // blank or comment only: not a skip
    }
    int firstEnd = skipToken(line, firstStart, end);
    int secondStart = skipSpace(line, firstEnd, end);
    if (secondStart == end) {
      name(line, firstStart, firstEnd, sink);
    } else if (AddressText.isAddress(line, firstStart, firstEnd)) {
      // A hosts-file line: the address says nothing about the names, each of which is listed.
      for (int start = secondStart; start < end; start = skipSpace(line, start, end)) {
        int tokenEnd = skipToken(line, start, end);
        name(line, start, tokenEnd, sink);
        start = tokenEnd;
      }
    } else {
      sink.skipped(SkipReason.MALFORMED_LINE);
    }
  }

  /**
   * The commonest line, read where it lies in the read buffer before anyone has looked for its end:
   * if {@code buffer[from, …)} is one valid, non-local name, perhaps after a dot or a hosts file's
   * {@code 0.0.0.0} or {@code 127.0.0.1} and spaces, followed directly by LF or CR before {@code
   * limit}, returns its label count (at least 1), leaves its wire form in {@code wire()[0,
   * wireLength())} and the index of that LF or CR in {@link #lineEnd()}. Otherwise returns {@link
   * #NOT_SIMPLE}, reporting nothing: the caller then reads the line whole and gives it to {@link
   * #parseAscii} or {@link #parse}, which agree with this method.
   *
   * <p>Why: one pass over the bytes both finds the end of such a line and encodes its name.
   */
  int simpleLine(byte[] buffer, int from, int limit) {
    int start = afterSinkholeAddress(buffer, from, limit);
    if (start == limit) {
      return NOT_SIMPLE;
    }
    int nameStart = buffer[start] == '.' ? start + 1 : start;
    int labels = encoder.encode(buffer, nameStart, limit);
    int stop = encoder.end();
    if (labels <= 0
        || stop == limit
        || buffer[stop] != '\n' && buffer[stop] != '\r'
        || LocalNames.contains(wire, stop - nameStart, labels)) {
      return NOT_SIMPLE;
    }
    wireLength = stop - nameStart + 2;
    lineEnd = stop;
    return labels;
  }

  /**
   * Where the name starts on a hosts-file line {@code 0.0.0.0 name} or {@code 127.0.0.1 name} (the
   * two sinkhole addresses of real hosts lists) beginning at {@code from}; else {@code from}.
   */
  private static int afterSinkholeAddress(byte[] buffer, int from, int limit) {
    int end;
    if (startsWith(buffer, from, limit, ZEROS)) {
      end = from + ZEROS.length;
    } else if (startsWith(buffer, from, limit, LOOPBACK)) {
      end = from + LOOPBACK.length;
    } else {
      return from;
    }
    if (end == limit || !isSpace((char) buffer[end])) {
      return from;
    }
    return skipSpace(buffer, end, limit);
  }

  private static boolean startsWith(byte[] buffer, int from, int limit, byte[] prefix) {
    if (limit - from < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (buffer[from + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** Where the line read by the last successful {@link #simpleLine} ends: its LF or CR. */
  int lineEnd() {
    return lineEnd;
  }

  /** The wire form left by {@link #simpleLine}. */
  byte[] wire() {
    return wire;
  }

  /** The length of the wire form left by {@link #simpleLine}. */
  int wireLength() {
    return wireLength;
  }

  /**
   * Parses the ASCII line {@code line[from, to)} (every byte below 0x80, at most {@link
   * #MAX_LINE_CHARS}) exactly as {@link #parse} parses the same characters.
   */
  void parseAscii(byte[] line, int from, int to, Sink sink) {
    int start = skipSpace(line, from, to);
    if (start == to || line[start] == '#') {
      return; // blank or comment only: not a skip
    }
    if (AdblockRule.startsRule((char) line[start]) || hasCosmeticMarker(line, start, to)) {
      // Adblock syntax is rare in lists read this way: the character rules decide it.
      parse(widen(line, from, to), to - from, sink);
      return;
    }
    // Most lines are one name, perhaps after a dot, perhaps before spaces or a comment: read it in
    // one pass. Anything else (a '*', a hosts line, a stray character) takes the general route.
    int nameStart = line[start] == '.' ? start + 1 : start;
    int result = encoder.encode(line, nameStart, to);
    int stop = encoder.end();
    if (stop == to || isFieldEnd(line[stop]) && isRestBlank(line, stop, to)) {
      int nameEnd = stop;
      if (nameEnd > nameStart && line[nameEnd - 1] == '.') {
        result = encoder.encode(line, nameStart, --nameEnd); // a trailing dot: drop it, once
      }
      decide(result, line, start, stop, nameStart, nameEnd, sink);
    } else {
      parseAsciiFields(line, start, to, sink);
    }
  }

  /** {@link #parse} on bytes for an ASCII line whose first field starts at {@code start}. */
  private void parseAsciiFields(byte[] line, int start, int to, Sink sink) {
    int firstEnd = skipField(line, start, to);
    int next = skipSpace(line, firstEnd, to);
    if (next == to || line[next] == '#') {
      asciiName(line, start, firstEnd, sink);
    } else if (AddressText.isAddress(widen(line, start, firstEnd), 0, firstEnd - start)) {
      // A hosts-file line: the address says nothing about the names, each of which is listed.
      while (next < to && line[next] != '#') {
        int fieldEnd = skipField(line, next, to);
        asciiName(line, next, fieldEnd, sink);
        next = skipSpace(line, fieldEnd, to);
      }
    } else {
      sink.skipped(SkipReason.MALFORMED_LINE);
    }
  }

  /** {@link #name} for the ASCII field {@code line[fieldStart, fieldEnd)}. */
  private void asciiName(byte[] line, int fieldStart, int fieldEnd, Sink sink) {
    int start = fieldStart;
    int end = fieldEnd;
    if (end - start >= 2 && line[start] == '*' && line[start + 1] == '.') {
      start += 2;
    } else if (end - start >= 1 && line[start] == '.') {
      start++;
    }
    if (end > start && line[end - 1] == '.') {
      end--;
    }
    int result = encoder.encode(line, start, end);
    if (encoder.end() != end) {
      result = AsciiNameEncoder.UNDECIDED; // a character only the general path knows
    }
    decide(result, line, fieldStart, fieldEnd, start, end, sink);
  }

  /**
   * Reports the name {@code line[start, end)} of the field {@code line[fieldStart, fieldEnd)} as
   * the encoder's {@code result} says, asking {@link #name} where the encoder cannot tell.
   */
  private void decide(
      int result, byte[] line, int fieldStart, int fieldEnd, int start, int end, Sink sink) {
    if (result > 0) {
      emit(end - start, result, sink);
    } else if (result == AsciiNameEncoder.INVALID) {
      sink.skipped(SkipReason.INVALID_NAME);
    } else if (result == AsciiNameEncoder.DIGITS_AND_DOTS) {
      boolean address = AddressText.isAddress(widen(line, start, end), 0, end - start);
      // Digits and dots that are no address end in an all-numeric label: not a name either.
      sink.skipped(address ? SkipReason.ADDRESS : SkipReason.INVALID_NAME);
    } else {
      name(widen(line, fieldStart, fieldEnd), 0, fieldEnd - fieldStart, sink);
    }
  }

  /** Copies ASCII {@code line[from, to)} into {@link #widened} from index 0. */
  private char[] widen(byte[] line, int from, int to) {
    for (int i = from; i < to; i++) {
      widened[i - from] = (char) line[i];
    }
    return widened;
  }

  /** Reports the Adblock-style line {@code line[start, end)} (no spaces at either end). */
  private void adblock(char[] line, int start, int end, Sink sink) {
    int kind = adblock.read(line, start, end);
    if (kind == AdblockRule.SKIPPED) {
      sink.skipped(adblock.skip());
    } else if (kind == AdblockRule.RULE) {
      name(line, adblock.nameStart(), adblock.nameEnd(), sink, adblock.exception());
    }
  }

  /** True if the first '#' of {@code line[from, to)} starts an element-hiding rule. */
  private static boolean hasCosmeticMarker(byte[] line, int from, int to) {
    for (int i = from + 1; i < to - 1; i++) {
      if (line[i] == '#') {
        return !isSpace((char) line[i - 1]) && AdblockRule.isCosmetic((char) line[i + 1]);
      }
    }
    return false;
  }

  private static int trimEnd(char[] line, int start, int end) {
    while (end > start && isSpace(line[end - 1])) {
      end--;
    }
    return end;
  }

  private void name(char[] line, int start, int end, Sink sink) {
    name(line, start, end, sink, false);
  }

  private void name(char[] line, int start, int end, Sink sink, boolean exception) {
    if (end - start >= 2 && line[start] == '*' && line[start + 1] == '.') {
      start += 2;
    } else if (end - start >= 1 && line[start] == '.') {
      start++;
    }
    if (end > start && line[end - 1] == '.') {
      end--;
    }
    if (AddressText.isAddress(line, start, end)) {
      sink.skipped(SkipReason.ADDRESS);
      return;
    }
    int length = normaliser.normalise(line, start, end);
    if (length < 0) {
      sink.skipped(SkipReason.INVALID_NAME);
    } else {
      emit(length, toWire(normaliser.name(), length), sink, exception);
    }
  }

  /** Reports the valid name of {@code length} characters in {@link #wire}. */
  private void emit(int length, int labels, Sink sink) {
    emit(length, labels, sink, false);
  }

  private void emit(int length, int labels, Sink sink, boolean exception) {
    if (LocalNames.contains(wire, length, labels)) {
      sink.skipped(SkipReason.LOCALHOST);
    } else if (exception) {
      sink.exception(wire, length + 2, labels);
    } else {
      sink.domain(wire, length + 2, labels);
    }
  }

  /**
   * Writes the valid, normalised {@code name[0, length)} into {@link #wire}; returns its labels.
   */
  private int toWire(char[] name, int length) {
    int labels = 0;
    int labelStart = 0;
    for (int i = 0; i < length; i++) {
      char c = name[i];
      if (c == '.') {
        wire[labelStart] = (byte) (i - labelStart);
        labels++;
        labelStart = i + 1;
      } else {
        wire[i + 1] = (byte) c;
      }
    }
    wire[labelStart] = (byte) (length - labelStart);
    wire[length + 1] = 0;
    return labels + 1;
  }

  private static int skipSpace(char[] line, int from, int end) {
    while (from < end && isSpace(line[from])) {
      from++;
    }
    return from;
  }

  private static int skipToken(char[] line, int from, int end) {
    while (from < end && !isSpace(line[from])) {
      from++;
    }
    return from;
  }

  private static int skipSpace(byte[] line, int from, int end) {
    while (from < end && isSpace((char) line[from])) {
      from++;
    }
    return from;
  }

  /** Skips to the next space or '#'. */
  private static int skipField(byte[] line, int from, int end) {
    while (from < end && !isFieldEnd(line[from])) {
      from++;
    }
    return from;
  }

  /** A space or '#', which ends a field on an ASCII line. */
  private static boolean isFieldEnd(byte b) {
    return isSpace((char) b) || b == '#';
  }

  /** True if {@code line[from, to)} holds only spaces, perhaps then a comment. */
  private static boolean isRestBlank(byte[] line, int from, int to) {
    int next = skipSpace(line, from, to);
    return next == to || line[next] == '#';
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
  }
}
