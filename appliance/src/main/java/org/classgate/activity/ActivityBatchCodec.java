package org.classgate.activity;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.DnsReader;
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
 * microseconds before the batch stamp (zigzag-signed), client index, device index + 1 (0 = none),
 * profile index + 1 (0 = none), type, outcome index, category mask, latency in microseconds, and
 * the question name in uncompressed wire form (length byte, bytes), so it comes back byte-exact.
 *
 * <p>Thread-safe: an encoder is made per batch; decoding is stateless.
 */
public final class ActivityBatchCodec {
  static final int VERSION = 1;

  private ActivityBatchCodec() {}

  /**
   * Packs one batch, a decision at a time, without making objects per decision (dictionary entries
   * are made once per distinct client or string). Not thread-safe.
   */
  public static final class Encoder {
    private final long batchNanos;
    private final CategoryNames categories;
    private final Map<AddressKey, Integer> clients = new HashMap<>();
    private final List<AddressKey> clientList = new ArrayList<>();
    private final AddressKey probe = new AddressKey();
    private final Map<String, Integer> strings = new HashMap<>();
    private final List<String> stringList = new ArrayList<>();
    private final int[] outcomeIndex = new int[Outcome.values().length];
    private final Bytes body = new Bytes(4096);
    private int allCategories;
    private int count;

    /**
     * @param batchNanos the batch stamp's monotonic time; rows store their distance to it
     * @param categories names the category bits of the running configuration
     */
    public Encoder(long batchNanos, CategoryNames categories) {
      this.batchNanos = batchNanos;
      this.categories = categories;
      Arrays.fill(outcomeIndex, -1);
    }

    public void add(DecisionRow row) {
      probe.set(row);
      Integer client = clients.get(probe);
      if (client == null) {
        client = clientList.size();
        AddressKey key = new AddressKey().copy(probe);
        clients.put(key, client);
        clientList.add(key);
      }
      int ordinal = row.outcome.ordinal();
      if (outcomeIndex[ordinal] < 0) {
        outcomeIndex[ordinal] = index(row.outcome.name());
      }
      // Signed (zigzag): a decision recorded while the stamp was taken may be a little after it.
      long age = (batchNanos - row.nanos) / 1000;
      body.varint((age << 1) ^ (age >> 63));
      body.varint(client);
      body.varint(row.deviceId == null ? 0 : index(row.deviceId) + 1);
      body.varint(row.profile == null ? 0 : index(row.profile) + 1);
      body.varint(row.type & 0xFFFF);
      body.varint(outcomeIndex[ordinal]);
      body.varint(row.categories & 0xFFFFFFFFL);
      body.varint(Math.max(0, row.latencyNanos / 1000));
      body.add((byte) row.nameLength);
      body.add(row.name, row.nameLength);
      allCategories |= row.categories;
      count++;
    }

    private int index(String text) {
      Integer index = strings.get(text);
      if (index == null) {
        index = stringList.size();
        strings.put(text, index);
        stringList.add(text);
      }
      return index;
    }

    /** Decisions added so far. */
    public int size() {
      return count;
    }

    /** The packed batch. */
    public byte[] finish() {
      Bytes out = new Bytes(body.length + 64 + clientList.size() * 17 + stringList.size() * 24);
      out.varint(VERSION);
      out.varint(clientList.size());
      byte[] address = new byte[16];
      for (AddressKey client : clientList) {
        int length = client.bytes(address);
        out.add((byte) length);
        out.add(address, length);
      }
      out.varint(stringList.size());
      for (String text : stringList) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.varint(utf8.length);
        out.add(utf8, utf8.length);
      }
      out.varint(Integer.bitCount(allCategories));
      for (int bit = 0; bit < 32; bit++) {
        if ((allCategories & (1 << bit)) != 0) {
          List<String> names = categories.namesOf(1 << bit);
          byte[] utf8 =
              (names.isEmpty() ? "bit" + bit : names.get(0)).getBytes(StandardCharsets.UTF_8);
          out.add((byte) bit);
          out.varint(utf8.length);
          out.add(utf8, utf8.length);
        }
      }
      out.varint(count);
      out.add(body.bytes, body.length);
      return Arrays.copyOf(out.bytes, out.length);
    }
  }

  /** Receives each decoded decision; the row is reused for the next one. */
  @FunctionalInterface
  public interface RowConsumer {
    void accept(DecisionRow row);
  }

  /**
   * Unpacks a batch, handing each decision to {@code rows} in the order written.
   *
   * @param batchNanos the monotonic time the rows' distances are counted back from
   * @return the category names the batch's masks had when written
   * @throws IllegalArgumentException if the bytes are not a batch of a known version (a damaged
   *     database); never anything else
   */
  public static CategoryNames decode(byte[] packed, long batchNanos, RowConsumer rows) {
    try {
      Reader in = new Reader(packed);
      long version = in.varint();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown activity batch version " + version);
      }
      byte[][] clients = new byte[in.count()][];
      for (int i = 0; i < clients.length; i++) {
        int length = in.bytes[in.pos++] & 0xFF;
        if (length != 4 && length != 16) {
          throw new IllegalArgumentException("address of " + length + " bytes");
        }
        clients[i] = in.take(length);
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
      DecisionRow row = new DecisionRow();
      for (int i = 0; i < count; i++) {
        long zigzag = in.varint();
        long age = (zigzag >>> 1) ^ -(zigzag & 1);
        row.nanos = batchNanos - age * 1000;
        byte[] client = clients[in.count()];
        row.setAddress(client, client.length);
        int device = in.count();
        int profile = in.count();
        row.deviceId = device == 0 ? null : strings[device - 1];
        row.profile = profile == 0 ? null : strings[profile - 1];
        row.type = (int) (in.varint() & 0xFFFF);
        row.outcome = outcomes[in.count()];
        row.categories = (int) in.varint();
        row.latencyNanos = in.varint() * 1000;
        int nameLength = in.bytes[in.pos++] & 0xFF;
        new DnsReader(in.bytes, in.pos, nameLength).name(); // validates: the row must hold a name
        System.arraycopy(in.bytes, in.pos, row.name, 0, nameLength);
        row.nameLength = nameLength;
        in.pos += nameLength;
        rows.accept(row);
      }
      return mask -> names(bitNames, mask);
    } catch (WireFormatException | ArrayIndexOutOfBoundsException | NullPointerException e) {
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
