package org.classgate.filter;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The byte-level reader against the character-level behaviour it replaced: UTF-8 decoded by {@link
 * InputStreamReader} (malformed bytes become U+FFFD), one leading U+FEFF dropped, lines split at
 * LF, CR LF and CR, lines over the limit in characters reported as too long.
 */
class BoundedLineReaderTest {
  private static final int LIMIT = ListLineParser.MAX_LINE_CHARS;
  private static final String TOO_LONG = "<too long>";

  @Test
  void splitsAtLfCrLfAndCrAcrossAnyReadBoundary() throws Exception {
    byte[] input = "a\nbb\r\nccc\rd\n\ne\r\r\nf".getBytes(UTF_8);
    List<String> expected = List.of("a", "bb", "ccc", "d", "", "e", "", "f");
    for (int chunk = 1; chunk <= input.length; chunk++) {
      assertEquals(expected, lines(input, chunk), "reads of " + chunk + " bytes");
    }
  }

  @Test
  void aFinalTerminatorAddsNoEmptyLine() throws Exception {
    assertEquals(List.of("x"), lines("x\n".getBytes(UTF_8), 64));
    assertEquals(List.of("x"), lines("x\r\n".getBytes(UTF_8), 64));
    assertEquals(List.of(), lines(new byte[0], 64));
  }

  @Test
  void dropsOneLeadingByteOrderMarkEvenWhenReadByteByByte() throws Exception {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertEquals(List.of("a.example"), lines(concat(bom, "a.example\n".getBytes(UTF_8)), 1));
    assertEquals(List.of(), lines(bom, 1), "a mark alone is no line");
    assertEquals(
        List.of("\uFEFFb.example"),
        lines(concat(bom, bom, "b.example".getBytes(UTF_8)), 2),
        "only the first mark is dropped");
    assertEquals(List.of("x", "\uFEFFy"), lines("x\n\uFEFFy".getBytes(UTF_8), 3));
  }

  @Test
  void limitsLinesInCharactersNotBytes() throws Exception {
    String ascii = "a".repeat(LIMIT);
    String twoByte = "\u00e9".repeat(LIMIT); // 2 bytes each
    String threeByte = "\u4e2d".repeat(LIMIT); // 3 bytes each: the most per char
    String pairs = "\uD83D\uDE00".repeat(LIMIT / 2); // 4 bytes per 2 chars
    for (String fits : List.of(ascii, twoByte, threeByte, pairs)) {
      assertEquals(List.of(fits, "next"), lines((fits + "\nnext").getBytes(UTF_8), 4096));
      String over = fits + fits.charAt(0);
      assertEquals(List.of(TOO_LONG, "next"), lines((over + "\nnext").getBytes(UTF_8), 4096));
      assertEquals(List.of(TOO_LONG), lines(over.getBytes(UTF_8), 100), "at the end of input");
    }
  }

  @Test
  void aHugeLineIsSkippedInBoundedMemory() throws Exception {
    byte[] huge = new byte[5_000_000];
    java.util.Arrays.fill(huge, (byte) 'x');
    byte[] input = concat("a\n".getBytes(UTF_8), huge, "\r\nb\n".getBytes(UTF_8), huge);
    assertEquals(List.of("a", TOO_LONG, "b", TOO_LONG), lines(input, 1 << 20));
  }

  @Test
  void malformedUtf8BecomesReplacementCharactersAsBefore() throws Exception {
    byte[][] samples = {
      {(byte) 0x80, 'a'},
      {'a', (byte) 0xC3},
      {(byte) 0xE2, (byte) 0x82, '\n', 'b'},
      {(byte) 0xF0, (byte) 0x90, (byte) 0x80, '\r', (byte) 0xF0, (byte) 0x90},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'c'}, // an encoded surrogate
      {(byte) 0xC0, (byte) 0xAF}, // an overlong '/'
      {(byte) 0xFF, (byte) 0xFE, 'd'},
    };
    for (byte[] sample : samples) {
      assertEquals(reference(sample), lines(sample, 1), java.util.Arrays.toString(sample));
    }
  }

  /** Random mixes of ASCII, line ends, marks, multi-byte and broken UTF-8 and long runs. */
  @Test
  void randomInputReadsAsTheCharacterReaderDid() throws Exception {
    Random random = new Random(20261122);
    byte[][] pieces = {
      "a".getBytes(UTF_8),
      "Example.COM".getBytes(UTF_8),
      " ".getBytes(UTF_8),
      "\n".getBytes(UTF_8),
      "\r".getBytes(UTF_8),
      "\r\n".getBytes(UTF_8),
      {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
      "\u00fc".getBytes(UTF_8),
      "\u4e2d".getBytes(UTF_8),
      "\uD83D\uDE00".getBytes(UTF_8),
      {(byte) 0x80},
      {(byte) 0xC3},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xF0, (byte) 0x90, (byte) 0x80},
      {(byte) 0xFF},
    };
    for (int round = 0; round < 400; round++) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      int count = random.nextInt(60);
      for (int i = 0; i < count; i++) {
        if (random.nextInt(40) == 0) {
          // A run near the limits: LIMIT chars of one kind, give or take.
          byte[] piece = pieces[random.nextInt(pieces.length)];
          int repeats = LIMIT / Math.max(1, piece.length) - 2 + random.nextInt(5);
          for (int r = 0; r < repeats; r++) {
            out.write(piece);
          }
        } else {
          out.write(pieces[random.nextInt(pieces.length)]);
        }
      }
      byte[] input = out.toByteArray();
      int chunk = 1 + random.nextInt(random.nextBoolean() ? 8 : 5000);
      assertEquals(reference(input), lines(input, chunk), "round " + round);
    }
  }

  /** What the reader returns, each line as text, reading at most {@code chunk} bytes at a time. */
  private static List<String> lines(byte[] input, int chunk) throws IOException {
    BoundedLineReader reader = new BoundedLineReader(new ChunkedStream(input, chunk), LIMIT);
    List<String> lines = new ArrayList<>();
    for (int length = reader.next(); length != BoundedLineReader.END; length = reader.next()) {
      if (length == BoundedLineReader.TOO_LONG) {
        lines.add(TOO_LONG);
      } else if (reader.ascii()) {
        lines.add(new String(reader.bytes(), reader.start(), length, StandardCharsets.ISO_8859_1));
      } else {
        lines.add(new String(reader.chars(), 0, length));
      }
    }
    return lines;
  }

  /** The lines as the character reader saw them: InputStreamReader, then split. */
  private static List<String> reference(byte[] input) throws IOException {
    StringWriter text = new StringWriter();
    new InputStreamReader(new ByteArrayInputStream(input), UTF_8).transferTo(text);
    String all = text.toString();
    if (all.startsWith("\uFEFF")) {
      all = all.substring(1);
    }
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < all.length(); i++) {
      char c = all.charAt(i);
      if (c == '\n' || c == '\r') {
        addLine(lines, all.substring(start, i));
        if (c == '\r' && i + 1 < all.length() && all.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    if (start < all.length()) {
      addLine(lines, all.substring(start));
    }
    return lines;
  }

  private static void addLine(List<String> lines, String line) {
    lines.add(line.length() > LIMIT ? TOO_LONG : line);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** A stream that hands out at most {@code chunk} bytes per read, as pipes and sockets may. */
  private static final class ChunkedStream extends InputStream {
    private final byte[] data;
    private final int chunk;
    private int pos;

    ChunkedStream(byte[] data, int chunk) {
      this.data = data;
      this.chunk = chunk;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
      if (pos == data.length) {
        return -1;
      }
      int n = Math.min(Math.min(length, chunk), data.length - pos);
      System.arraycopy(data, pos, into, offset, n);
      pos += n;
      return n;
    }
  }
}
