package org.classgate.incidents.store;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.incidents.SnapshotEntry;

/**
 * An incident's activity snapshot packed into one value, stored as one row with the incident
 * instead of one row per query. A press is on the report button's path to "durable": measured on
 * the development machine, 3,000 snapshot rows took SQLite and its JDBC driver 10-20 ms to insert
 * and filled ~100 WAL pages, and the checkpoints those pages triggered put the press's p99 near 200
 * ms; packed, the same snapshot is one insert of about 100 KB, encoded in about a millisecond.
 *
 * <p>Format (version 1), every integer an unsigned LEB128 varint unless said otherwise: version;
 * the string table (count, then each string as UTF-8 byte length and bytes) holding every client,
 * device id, profile, name, outcome and category name once; the entry count; then per entry: its
 * time as epoch milliseconds minus the previous entry's (zigzag-signed; the first counts from 0),
 * client index, device index + 1 (0 = none), profile index + 1 (0 = none), name index + 1 (0 =
 * none), type (zigzag-signed), outcome index, category count and each category's index. Times are
 * kept to the millisecond, as the per-row table kept them.
 *
 * <p>Stateless and thread-safe.
 */
final class SnapshotCodec {
  static final int VERSION = 1;

  private SnapshotCodec() {}

  /** Packs {@code entries} in order. */
  static byte[] encode(List<SnapshotEntry> entries) {
    Map<String, Integer> index = new HashMap<>();
    List<String> strings = new ArrayList<>();
    Bytes body = new Bytes(entries.size() * 12 + 16);
    long previous = 0;
    for (SnapshotEntry entry : entries) {
      long millis = entry.time().toEpochMilli();
      body.signed(millis - previous);
      previous = millis;
      body.varint(intern(entry.client(), index, strings));
      body.varint(optional(entry.deviceId(), index, strings));
      body.varint(optional(entry.profile(), index, strings));
      body.varint(optional(entry.name(), index, strings));
      body.signed(entry.type());
      body.varint(intern(entry.outcome(), index, strings));
      body.varint(entry.categories().size());
      for (String category : entry.categories()) {
        body.varint(intern(category, index, strings));
      }
    }
    Bytes out = new Bytes(body.length + strings.size() * 24 + 16);
    out.varint(VERSION);
    out.varint(strings.size());
    for (String text : strings) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      out.varint(utf8.length);
      out.add(utf8, 0, utf8.length);
    }
    out.varint(entries.size());
    out.add(body.bytes, 0, body.length);
    return Arrays.copyOf(out.bytes, out.length);
  }

  private static int intern(String text, Map<String, Integer> index, List<String> strings) {
    Integer known = index.putIfAbsent(text, strings.size());
    if (known != null) {
      return known;
    }
    strings.add(text);
    return strings.size() - 1;
  }

  private static int optional(String text, Map<String, Integer> index, List<String> strings) {
    return text == null ? 0 : intern(text, index, strings) + 1;
  }

  /**
   * Unpacks a snapshot written by {@link #encode}.
   *
   * @throws IllegalArgumentException if {@code packed} is not a snapshot of a known version (a
   *     damaged database), with the reason; never any other exception
   */
  static List<SnapshotEntry> decode(byte[] packed) {
    Reader in = new Reader(packed);
    long version = in.varint();
    if (version != VERSION) {
      throw new IllegalArgumentException("unknown incident snapshot version " + version);
    }
    // Every string takes at least its length byte, every entry at least eight bytes: counts larger
    // than the bytes left are damage, refused before anything is allocated for them.
    String[] strings = new String[in.count(1)];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = in.utf8(in.count(1));
    }
    int count = in.count(8);
    List<SnapshotEntry> entries = new ArrayList<>(count);
    long millis = 0;
    for (int i = 0; i < count; i++) {
      millis += in.signed();
      String client = strings[in.index(strings.length)];
      String deviceId = optional(strings, in.index(strings.length + 1));
      String profile = optional(strings, in.index(strings.length + 1));
      String name = optional(strings, in.index(strings.length + 1));
      long type = in.signed();
      if (type != (int) type) {
        throw new IllegalArgumentException("query type " + type + " out of range");
      }
      String outcome = strings[in.index(strings.length)];
      String[] categories = new String[in.count(1)];
      for (int c = 0; c < categories.length; c++) {
        categories[c] = strings[in.index(strings.length)];
      }
      entries.add(
          new SnapshotEntry(
              Instant.ofEpochMilli(millis),
              client,
              deviceId,
              profile,
              name,
              (int) type,
              outcome,
              List.of(categories)));
    }
    if (in.remaining() != 0) {
      throw new IllegalArgumentException(in.remaining() + " bytes after the last entry");
    }
    return entries;
  }

  private static String optional(String[] strings, int indexPlusOne) {
    return indexPlusOne == 0 ? null : strings[indexPlusOne - 1];
  }

  /** A growable byte array. */
  private static final class Bytes {
    byte[] bytes;
    int length;

    Bytes(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    void add(byte[] source, int offset, int count) {
      if (length + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
      }
      System.arraycopy(source, offset, bytes, length, count);
      length += count;
    }

    void varint(long value) {
      if (length + 10 > bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2 + 10);
      }
      while ((value & ~0x7FL) != 0) {
        bytes[length++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      bytes[length++] = (byte) value;
    }

    void signed(long value) {
      varint((value << 1) ^ (value >> 63));
    }
  }

  /** Bounds-checked reading: every read checks what is left and throws the reason. */
  private static final class Reader {
    private final byte[] bytes;
    private int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    int remaining() {
      return bytes.length - pos;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= bytes.length) {
          throw new IllegalArgumentException("truncated at byte " + pos);
        }
        byte b = bytes[pos++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("varint longer than 64 bits at byte " + pos);
    }

    long signed() {
      long zigzag = varint();
      return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    /** A count of items each at least {@code minBytes} long: at most what the bytes left hold. */
    int count(int minBytes) {
      long value = varint();
      if (value < 0 || value > remaining() / minBytes) {
        throw new IllegalArgumentException(
            "count " + value + " at byte " + pos + " exceeds the " + remaining() + " bytes left");
      }
      return (int) value;
    }

    /** An index below {@code size}. */
    int index(int size) {
      long value = varint();
      if (value < 0 || value >= size) {
        throw new IllegalArgumentException(
            "index " + value + " at byte " + pos + " outside a table of " + size);
      }
      return (int) value;
    }

    String utf8(int length) {
      try {
        String text =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes, pos, length))
                .toString();
        pos += length;
        return text;
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException("string at byte " + pos + " is not UTF-8", e);
      }
    }
  }
}
