package org.classgate.filter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Splits a UTF-8 byte stream into lines in a fixed buffer, so a hostile file (say, one gigabyte
 * without a newline) costs no more memory than a normal one: a line of more than {@code maxChars}
 * characters is consumed and reported as {@link #TOO_LONG}, its text discarded. Lines end at LF, CR
 * LF or CR. A leading UTF-8 byte order mark is dropped.
 *
 * <p>Why bytes: almost every line of a block list is ASCII, and an ASCII line's bytes are its
 * characters, so such a line is handed out as a view of the read buffer ({@link #bytes()} from
 * {@link #start()}) without decoding or copying. Only a line with a byte ≥ 0x80 is decoded, into
 * {@link #chars()}, by a UTF-8 decoder that replaces malformed input with U+FFFD as {@link
 * java.io.InputStreamReader} does; splitting first changes nothing because in UTF-8 the bytes of CR
 * and LF never occur inside a multi-byte sequence (RFC 3629 §3), and the JDK's decoder never takes
 * a byte below 0x80 into a malformed one.
 *
 * <p>Not thread-safe; does not close the stream.
 */
final class BoundedLineReader {
  /** {@link #next()} result at the end of input. */
  static final int END = -1;

  /** {@link #next()} result for a line over the limit. */
  static final int TOO_LONG = -2;

  /** UTF-8 takes at most 3 bytes per UTF-16 char (4 for a surrogate pair, which is 2 chars). */
  private static final int MAX_BYTES_PER_CHAR = 3;

  private static final int READ_BYTES = 64 * 1024;

  private final InputStream in;
  private final int maxChars;
  private final int maxBytes;
  private final byte[] buffer;

  /** Bytes not yet handed out are {@code buffer[pos, limit)}. */
  private int pos;

  private int limit;
  private boolean first = true;
  private boolean skipLineFeed;
  private int lineStart;
  private boolean ascii;
  private final char[] chars;
  private final ByteBuffer byteView;
  private final CharBuffer charView;
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPLACE)
          .onUnmappableCharacter(CodingErrorAction.REPLACE);

  /**
   * @param in the UTF-8 stream, non-null
   * @param maxChars the longest line, in UTF-16 chars, returned rather than reported as too long
   */
  BoundedLineReader(InputStream in, int maxChars) {
    this.in = in;
    this.maxChars = maxChars;
    this.maxBytes = maxChars * MAX_BYTES_PER_CHAR;
    this.buffer = new byte[Math.max(READ_BYTES, 2 * maxBytes)];
    this.chars = new char[maxChars];
    this.byteView = ByteBuffer.wrap(buffer);
    this.charView = CharBuffer.wrap(chars);
  }

  /**
   * Reads the next line: its length, {@link #TOO_LONG} or {@link #END}. When {@link #ascii()}, the
   * line is {@code bytes()[start(), start() + length)}, valid until the next call; otherwise it is
   * {@code chars()[0, length)}.
   */
  int next() throws IOException {
    if (atBufferedLine()) {
      // The common case, kept small so it compiles early: the whole line is in the buffer.
      int start = pos;
      int bits = 0;
      for (int i = start; i < limit; i++) {
        byte b = buffer[i];
        if (b == '\n' || b == '\r') {
          skipLineFeed = b == '\r';
          pos = i + 1;
          return endLine(start, i, false, bits);
        }
        bits |= b;
      }
    }
    return nextAcrossReads();
  }

  /** {@link #next()} when the line may end beyond the buffered bytes, or at the very start. */
  private int nextAcrossReads() throws IOException {
    if (first) {
      first = false;
      dropByteOrderMark();
    }
    boolean tooLong = false;
    boolean sawAnything = false;
    int bits = 0;
    int scan = pos;
    while (true) {
      if (scan == limit) {
        if (tooLong || scan - pos > maxBytes) {
          tooLong = true;
          pos = 0; // the line's text is discarded; only its end is looked for
          limit = 0;
        } else if (pos > 0) {
          System.arraycopy(buffer, pos, buffer, 0, limit - pos);
          limit -= pos;
          pos = 0;
        }
        scan = limit;
        if (!fill()) {
          if (!sawAnything && scan == pos) {
            return END;
          }
          int result = endLine(pos, scan, tooLong, bits);
          pos = scan; // the text stays in the buffer until the next call
          return result;
        }
        continue;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (buffer[scan] == '\n') {
          pos = ++scan; // the LF of a CR LF pair
          continue;
        }
      }
      sawAnything = true;
      int end = scan;
      int stop = limit;
      byte b = 0;
      while (end < stop) {
        b = buffer[end];
        if (b == '\n' || b == '\r') {
          break;
        }
        bits |= b;
        end++;
      }
      if (end == stop) {
        scan = end;
        continue;
      }
      skipLineFeed = b == '\r';
      int result = endLine(pos, end, tooLong, bits);
      pos = end + 1;
      return result;
    }
  }

  /** The length of the line {@code buffer[start, end)} (or TOO_LONG), decoding it if not ASCII. */
  private int endLine(int start, int end, boolean tooLong, int bits) {
    int length = end - start;
    if (tooLong || length > maxBytes) {
      return TOO_LONG;
    }
    lineStart = start;
    ascii = bits >= 0; // a byte ≥ 0x80 is negative and sets the sign bit
    if (ascii) {
      return length > maxChars ? TOO_LONG : length;
    }
    return decode(start, length);
  }

  private int decode(int from, int length) {
    byteView.limit(from + length).position(from);
    charView.clear();
    decoder.reset();
    // With REPLACE actions the decoder reports only underflow (done) or overflow (no room).
    if (decoder.decode(byteView, charView, true).isOverflow()
        || decoder.flush(charView).isOverflow()) {
      return TOO_LONG;
    }
    return charView.position();
  }

  private void dropByteOrderMark() throws IOException {
    while (limit < 3 && fill()) {
      // a stream may hand out fewer bytes than asked: gather the three a mark would take
    }
    if (limit >= 3
        && buffer[0] == (byte) 0xEF
        && buffer[1] == (byte) 0xBB
        && buffer[2] == (byte) 0xBF) {
      pos = 3;
    }
  }

  /**
   * For a caller that reads a line straight from the buffer, before {@link #next()} has looked for
   * its end: true if a line starts at {@link #position()} with bytes buffered up to {@link
   * #limit()} (a pending LF of a CR LF pair is skipped first). False before the first {@link
   * #next()}, which deals with a byte order mark, and when nothing is buffered.
   */
  boolean atBufferedLine() {
    if (skipLineFeed && pos < limit) {
      skipLineFeed = false;
      if (buffer[pos] == '\n') {
        pos++; // the LF of a CR LF pair
      }
    }
    return !skipLineFeed && !first && pos < limit;
  }

  /** Where the next line starts in {@link #bytes()}. */
  int position() {
    return pos;
  }

  /** The end of the buffered bytes in {@link #bytes()}. */
  int limit() {
    return limit;
  }

  /**
   * Consumes the line from {@link #position()} up to the LF or CR at {@code end}, which the caller
   * found in {@code bytes()[position(), limit())} with no LF or CR before it.
   */
  void consumeLine(int end) {
    skipLineFeed = buffer[end] == '\r';
    pos = end + 1;
  }

  /** True if the last line returned is ASCII, to be read from {@link #bytes()}. */
  boolean ascii() {
    return ascii;
  }

  /** The read buffer holding the last ASCII line. */
  byte[] bytes() {
    return buffer;
  }

  /** Where the last ASCII line starts in {@link #bytes()}. */
  int start() {
    return lineStart;
  }

  /** The last non-ASCII line, decoded. */
  char[] chars() {
    return chars;
  }

  /** Reads more input into {@code buffer[limit, …)}; false at the end of the stream. */
  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(buffer, limit, buffer.length - limit);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    limit += read;
    return true;
  }
}
