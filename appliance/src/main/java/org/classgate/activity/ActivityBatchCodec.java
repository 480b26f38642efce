package org.classgate.activity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.DnsReader;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;

/**
 * The packed form of one batch of decisions, stored as one value instead of one database row per
 * decision. Measured on the development machine, a row insert costs SQLite and its JDBC driver
 * 2.3-3.4 µs of CPU, which caps the log near 300,000 decisions a second with nothing else running
 * and would take a third of a core at the DNS benchmark's rate; packing costs about a tenth of
 * that, and stores a decision in about 30 bytes (no per-row b-tree cells), which matters for an SD
 * card.
 *
 * <p>Format (version 1), all integers unsigned LEB128 varints: version; a table of client addresses
 * (length byte 4 or 16, then the bytes); a table of strings (UTF-8, length-prefixed) holding device
 * ids, profiles and outcome names; the category table (bit index and the name that bit had when the
 * batch was written: bits only mean something to one configuration); the row count; then per row:
 * microseconds before the batch stamp, client index, device index + 1 (0 = none), profile index + 1
 * (0 = none), type, outcome index, category mask, latency in microseconds, and the question name in
 * uncompressed wire form (length byte, bytes), so it comes back byte-exact.
 *
 * <p>Thread-safe: an encoder is made per batch; decoding is stateless.
 */
public final class ActivityBatchCodec {
  static final int VERSION = 1;

  private ActivityBatchCodec() {}

  /**
   * Packs {@code rows[0..count)}.
   *
   * @param batchNanos the batch stamp's monotonic time; rows store their distance to it
   * @param categories names the category bits of the running configuration
   */
  public static byte[] encode(
      QueryRecord[] rows, int count, long batchNanos, CategoryNames categories) {
    Map<InetAddress, Integer> clients = new HashMap<>();
    List<InetAddress> clientList = new ArrayList<>();
    Map<String, Integer> strings = new HashMap<>();
    List<String> stringList = new ArrayList<>();
    int[] outcomeIndex = new int[Outcome.values().length];
    Arrays.fill(outcomeIndex, -1);
    int allCategories = 0;
    Bytes body = new Bytes(count * 40 + 16);
    body.varint(count);
    for (int i = 0; i < count; i++) {
      QueryRecord row = rows[i];
      Integer client = clients.get(row.client());
      if (client == null) {
        client = clientList.size();
        clients.put(row.client(), client);
        clientList.add(row.client());
      }
      int ordinal = row.outcome().ordinal();
      if (outcomeIndex[ordinal] < 0) {
        outcomeIndex[ordinal] = index(strings, stringList, row.outcome().name());
      }
      body.varint(Math.max(0, (batchNanos - row.monotonicNanos()) / 1000));
      body.varint(client);
      body.varint(row.deviceId() == null ? 0 : index(strings, stringList, row.deviceId()) + 1);
      body.varint(row.profile() == null ? 0 : index(strings, stringList, row.profile()) + 1);
      body.varint(row.type() & 0xFFFF);
      body.varint(outcomeIndex[ordinal]);
      body.varint(row.categories() & 0xFFFFFFFFL);
      body.varint(Math.max(0, row.latencyNanos() / 1000));
      // Unparseable queries never reach the log; a null name is kept as the root name.
      byte[] wire = row.name() == null ? Name.ROOT.wireBytes() : row.name().wireBytes();
      body.add((byte) wire.length);
      body.add(wire, wire.length);
      allCategories |= row.categories();
    }
    Bytes out = new Bytes(body.length + 64 + clientList.size() * 17 + stringList.size() * 24);
    out.varint(VERSION);
    out.varint(clientList.size());
    for (InetAddress client : clientList) {
      byte[] address = client.getAddress();
      out.add((byte) address.length);
      out.add(address, address.length);
    }
    List<String> bitNames = new ArrayList<>();
    for (int bit = 0; bit < 32; bit++) {
      if ((allCategories & (1 << bit)) != 0) {
        List<String> names = categories.namesOf(1 << bit);
        bitNames.add(names.isEmpty() ? "bit" + bit : names.get(0));
      }
    }
    out.varint(stringList.size());
    for (String text : stringList) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      out.varint(utf8.length);
      out.add(utf8, utf8.length);
    }
    out.varint(Integer.bitCount(allCategories));
    int named = 0;
    for (int bit = 0; bit < 32; bit++) {
      if ((allCategories & (1 << bit)) != 0) {
        byte[] utf8 = bitNames.get(named++).getBytes(StandardCharsets.UTF_8);
        out.add((byte) bit);
        out.varint(utf8.length);
        out.add(utf8, utf8.length);
      }
    }
    out.add(body.bytes, body.length);
    return Arrays.copyOf(out.bytes, out.length);
  }

  private static int index(Map<String, Integer> strings, List<String> list, String text) {
    Integer index = strings.get(text);
    if (index == null) {
      index = list.size();
      strings.put(text, index);
      list.add(text);
    }
    return index;
  }

  /**
   * A decoded batch: its rows as records (monotonic times relative to {@code batchNanos} as given
   * to {@link #decode}) and the category names their masks had when written.
   */
  public record Decoded(List<QueryRecord> rows, CategoryNames categories) {}

  /**
   * Unpacks a batch.
   *
   * @param batchNanos the monotonic time the rows' distances are counted back from
   * @throws IllegalArgumentException if the bytes are not a batch of a known version (a damaged
   *     database); never anything else
   */
  public static Decoded decode(byte[] packed, long batchNanos) {
    try {
      Reader in = new Reader(packed);
      long version = in.varint();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown activity batch version " + version);
      }
      InetAddress[] clients = new InetAddress[in.count()];
      for (int i = 0; i < clients.length; i++) {
        int length = in.bytes[in.pos++] & 0xFF;
        clients[i] = InetAddress.getByAddress(in.take(length));
      }
      String[] strings = new String[in.count()];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = new String(in.take(in.count()), StandardCharsets.UTF_8);
      }
      String[] bitNames = new String[32];
      int bits = in.count();
      for (int i = 0; i < bits; i++) {
        int bit = in.bytes[in.pos++] & 0x1F;
        bitNames[bit] = new String(in.take(in.count()), StandardCharsets.UTF_8);
      }
      Outcome[] outcomes = new Outcome[strings.length];
      for (int i = 0; i < strings.length; i++) {
        outcomes[i] = outcome(strings[i]);
      }
      int count = in.count();
      List<QueryRecord> rows = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        long ageMicros = in.varint();
        InetAddress client = clients[in.count()];
        int device = in.count();
        int profile = in.count();
        int type = (int) (in.varint() & 0xFFFF);
        Outcome outcome = outcomes[in.count()];
        int mask = (int) in.varint();
        long latencyMicros = in.varint();
        int nameLength = in.bytes[in.pos++] & 0xFF;
        Name name = new DnsReader(in.bytes, in.pos, nameLength).name();
        in.pos += nameLength;
        rows.add(
            new QueryRecord(
                batchNanos - ageMicros * 1000,
                client,
                device == 0 ? null : strings[device - 1],
                profile == 0 ? null : strings[profile - 1],
                name,
                type,
                outcome,
                mask,
                latencyMicros * 1000));
      }
      return new Decoded(rows, mask -> names(bitNames, mask));
    } catch (UnknownHostException
        | WireFormatException
        | ArrayIndexOutOfBoundsException
        | NullPointerException e) {
      throw new IllegalArgumentException("damaged activity batch: " + e, e);
    }
  }

  private static List<String> names(String[] bitNames, int mask) {
    List<String> names = new ArrayList<>(Integer.bitCount(mask));
    for (int bit = 0; bit < 32; bit++) {
      if ((mask & (1 << bit)) != 0 && bitNames[bit] != null) {
        names.add(bitNames[bit]);
      }
    }
    return names;
  }

  /** An outcome this version may not know (a newer writer) reads as SERVFAIL, never as allowed. */
  private static Outcome outcome(String name) {
    try {
      return Outcome.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Outcome.SERVFAIL;
    }
  }

  /** A growable byte array. */
  private static final class Bytes {
    byte[] bytes;
    int length;

    Bytes(int capacity) {
      bytes = new byte[Math.max(16, capacity)];
    }

    void add(byte b) {
      if (length == bytes.length) {
        bytes = Arrays.copyOf(bytes, bytes.length * 2);
      }
      bytes[length++] = b;
    }

    void add(byte[] source, int count) {
      if (length + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
      }
      System.arraycopy(source, 0, bytes, length, count);
      length += count;
    }

    void varint(long value) {
      while ((value & ~0x7FL) != 0) {
        add((byte) ((value & 0x7F) | 0x80));
        value >>>= 7;
      }
      add((byte) value);
    }
  }

  /** Reads the packed form; an index past the end throws ArrayIndexOutOfBoundsException. */
  private static final class Reader {
    final byte[] bytes;
    int pos;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    long varint() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte b = bytes[pos++];
        value |= (long) (b & 0x7F) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw new ArrayIndexOutOfBoundsException("varint longer than 64 bits");
    }

    /** A varint used as a count or index: bounded by the bytes there are. */
    int count() {
      long value = varint();
      if (value < 0 || value > bytes.length * 8L + 64) {
        throw new ArrayIndexOutOfBoundsException(
            "count " + value + " in " + bytes.length + " bytes");
      }
      return (int) value;
    }

    byte[] take(int length) {
      if (length > bytes.length - pos) {
        throw new ArrayIndexOutOfBoundsException("length " + length + " past the end");
      }
      byte[] out = Arrays.copyOfRange(bytes, pos, pos + length);
      pos += length;
      return out;
    }
  }
}
