package org.classgate.filter;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines into a fixed buffer so a hostile file (say, one gigabyte without a newline) costs no
 * more memory than a normal one: a line longer than the limit is consumed and reported as {@link
 * #TOO_LONG}, its text discarded. Lines end at LF, CR LF or CR. A leading byte order mark is
 * dropped. Not thread-safe; does not close the reader.
 */
final class BoundedLineReader {
  /** {@link #next()} result at the end of input. */
  static final int END = -1;

  /** {@link #next()} result for a line over the limit. */
  static final int TOO_LONG = -2;

  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final Reader in;
  private final char[] chunk = new char[8192];
  private int chunkPos;
  private int chunkEnd;
  private final char[] line;
  private boolean skipLineFeed;
  private boolean first = true;

  BoundedLineReader(Reader in, int maxLineChars) {
    this.in = in;
    this.line = new char[maxLineChars];
  }

  /** The buffer {@link #next()} fills; valid up to the length it returned. */
  char[] line() {
    return line;
  }

  /** Reads the next line: its length, {@link #TOO_LONG} or {@link #END}. */
  int next() throws IOException {
    int length = 0;
    boolean overflow = false;
    boolean sawAnything = false;
    while (true) {
      if (chunkPos == chunkEnd && !fill()) {
        if (!sawAnything) {
          return END;
        }
        return overflow ? TOO_LONG : length;
      }
      if (skipLineFeed) {
        skipLineFeed = false;
        if (chunk[chunkPos] == '\n') {
          chunkPos++; // the LF of a CR LF pair
          continue;
        }
      }
      if (first) {
        first = false;
        if (chunk[chunkPos] == BYTE_ORDER_MARK) {
          chunkPos++;
          continue;
        }
      }
      sawAnything = true;
      int end = chunkPos;
      while (end < chunkEnd && chunk[end] != '\n' && chunk[end] != '\r') {
        end++;
      }
      int count = end - chunkPos;
      if (!overflow && count <= line.length - length) {
        System.arraycopy(chunk, chunkPos, line, length, count);
        length += count;
      } else {
        overflow = true;
      }
      if (end < chunkEnd) {
        skipLineFeed = chunk[end] == '\r';
        chunkPos = end + 1;
        return overflow ? TOO_LONG : length;
      }
      chunkPos = chunkEnd;
    }
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = in.read(chunk, 0, chunk.length);
    } while (read == 0);
    if (read < 0) {
      return false;
    }
    chunkPos = 0;
    chunkEnd = read;
    return true;
  }
}
