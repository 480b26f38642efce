package org.classgate.filter.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads the regular files of a tar stream one after another, without writing anything to disk:
 * POSIX ustar headers (name with its prefix), GNU long names ({@code L} entries) and pax extended
 * headers' {@code path} records. Directories, links, devices and every other entry type are skipped
 * unread; nothing is ever resolved against a file system.
 *
 * <p>Hostile input: every header's checksum is checked; a path that is absolute or has a {@code ..}
 * segment (a traversal attempt: harmless here, but no honest list archive has one), an entry larger
 * than the cap, a long name or pax header larger than {@value #MAX_META_BYTES} bytes, a bad size
 * field or a stream that ends inside a header or an entry fails with a {@link TarFormatException}
 * naming the entry. At most {@code maxTotalBytes} are read in all (a bomb of tiny entries is no
 * cheaper than one big one).
 *
 * <p>Not thread-safe; does not close the stream.
 */
public final class TarReader {
  private static final int BLOCK = 512;

  /** Long names and pax headers: far above any real one (PATH_MAX is 4096). */
  static final int MAX_META_BYTES = 64 * 1024;

  private final InputStream in;
  private final long maxEntryBytes;
  private final long maxTotalBytes;
  private final byte[] header = new byte[BLOCK];
  private final byte[] skipBuffer = new byte[8 * BLOCK];
  private long total;

  /** Bytes of the current entry not yet read, then its padding to the next block. */
  private long remaining;

  private long padding;
  private boolean ended;

  /** One regular file of the archive. */
  public record Entry(String path, long size) {}

  /**
   * @param in the uncompressed tar stream
   * @param maxEntryBytes the largest regular file accepted
   * @param maxTotalBytes the most bytes read from {@code in} in all
   */
  public TarReader(InputStream in, long maxEntryBytes, long maxTotalBytes) {
    this.in = in;
    this.maxEntryBytes = maxEntryBytes;
    this.maxTotalBytes = maxTotalBytes;
  }

  /**
   * Skips what is left of the current entry and returns the next regular file, or null at the end
   * of the archive. Its content is {@link #content()} until the next call.
   */
  public Entry next() throws IOException {
    skipRest();
    String longName = null;
    while (!ended) {
      if (!readHeader()) {
        ended = true;
        return null;
      }
      String name = longName != null ? longName : headerName();
      longName = null;
      char type = (char) header[156];
      long size = size(name);
      switch (type) {
        case 'L' -> longName = trimNul(readMeta(name, size));
        case 'x' -> longName = paxPath(readMeta(name, size));
        case '0', '\0', '7' -> {
          checkPath(name);
          if (size > maxEntryBytes) {
            throw new TarFormatException(
                "entry " + name + " is " + size + " bytes, over the limit of " + maxEntryBytes);
          }
          startEntry(size);
          return new Entry(name, size);
        }
        default -> {
          startEntry(size(name, type));
          skipRest();
        }
      }
    }
    return null;
  }

  /** The current entry's bytes; -1 at its end. Valid until {@link #next()}. */
  public InputStream content() {
    return new InputStream() {
      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        if (remaining == 0) {
          return -1;
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
          throw new TarFormatException("truncated archive: it ends inside an entry");
        }
        count(n);
        remaining -= n;
        return n;
      }
    };
  }

  private boolean readHeader() throws IOException {
    if (!readBlock()) {
      return false; // a stream ending between entries, as some writers leave it
    }
    if (isZero(header)) {
      return false; // the end-of-archive marker (two zero blocks; the second is not needed)
    }
    long stored = parseOctal(header, 148, 8, "header checksum");
    long unsigned = 0;
    long signed = 0;
    for (int i = 0; i < BLOCK; i++) {
      int b = i >= 148 && i < 156 ? ' ' : header[i];
      unsigned += b & 0xFF;
      signed += b;
    }
    if (stored != unsigned && stored != signed) {
      throw new TarFormatException("not a tar archive, or a corrupt one: a header checksum fails");
    }
    return true;
  }

  private boolean readBlock() throws IOException {
    int read = 0;
    while (read < BLOCK) {
      int n = in.read(header, read, BLOCK - read);
      if (n < 0) {
        if (read == 0) {
          return false;
        }
        throw new TarFormatException("truncated archive: it ends inside a header");
      }
      count(n);
      read += n;
    }
    return true;
  }

  private String headerName() {
    String name = field(0, 100);
    boolean ustar = header[257] == 'u' && header[262] == 0; // POSIX "ustar\0", not GNU "ustar "
    String prefix = ustar ? field(345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private String field(int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private long size(String name) throws TarFormatException {
    return size(name, (char) header[156]);
  }

  private long size(String name, char type) throws TarFormatException {
    if ((header[124] & 0x80) != 0) {
      // GNU base-256 for sizes over 8 GiB: far over any cap, so refused rather than decoded.
      throw new TarFormatException("entry " + name + " (type " + type + ") is over 8 GiB");
    }
    return parseOctal(header, 124, 12, "size of " + name);
  }

  private byte[] readMeta(String name, long size) throws IOException {
    if (size > MAX_META_BYTES) {
      throw new TarFormatException(
          "the long name or pax header before " + name + " is " + size + " bytes");
    }
    startEntry(size);
    byte[] data = content().readNBytes((int) size);
    if (data.length < size) {
      throw new TarFormatException("truncated archive: it ends inside a long name");
    }
    skipRest();
    return data;
  }

  /** The {@code path} record of a pax extended header ({@code "<len> path=<value>\n"}), or null. */
  private static String paxPath(byte[] data) throws TarFormatException {
    String text = new String(data, StandardCharsets.UTF_8);
    String path = null;
    int at = 0;
    while (at < text.length()) {
      int space = text.indexOf(' ', at);
      if (space < 0) {
        throw new TarFormatException("malformed pax header");
      }
      int length;
      try {
        length = Integer.parseInt(text.substring(at, space));
      } catch (NumberFormatException e) {
        throw new TarFormatException("malformed pax header record length");
      }
      if (length <= space - at || at + length > text.length()) {
        throw new TarFormatException("malformed pax header record length");
      }
      String record = text.substring(space + 1, at + length - 1);
      if (record.startsWith("path=")) {
        path = record.substring("path=".length());
      }
      at += length;
    }
    return path;
  }

  private static String trimNul(byte[] data) {
    int end = 0;
    while (end < data.length && data[end] != 0) {
      end++;
    }
    return new String(data, 0, end, StandardCharsets.UTF_8);
  }

  private static void checkPath(String name) throws TarFormatException {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\0') >= 0) {
      throw new TarFormatException("entry path '" + name + "' is empty or absolute: refused");
    }
    for (String segment : name.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw new TarFormatException("entry path '" + name + "' climbs out with '..': refused");
      }
    }
  }

  private void startEntry(long size) {
    remaining = size;
    padding = (BLOCK - size % BLOCK) % BLOCK;
  }

  private void skipRest() throws IOException {
    long toSkip = remaining + padding;
    remaining = 0;
    padding = 0;
    while (toSkip > 0) {
      int n = in.read(skipBuffer, 0, (int) Math.min(skipBuffer.length, toSkip));
      if (n < 0) {
        throw new TarFormatException("truncated archive: it ends inside an entry");
      }
      count(n);
      toSkip -= n;
    }
  }

  private void count(int n) throws TarFormatException {
    total += n;
    if (total > maxTotalBytes) {
      throw new TarFormatException(
          "the archive unpacks to more than " + maxTotalBytes + " bytes: refused");
    }
  }

  private static long parseOctal(byte[] block, int offset, int length, String what)
      throws TarFormatException {
    long value = 0;
    int i = offset;
    int end = offset + length;
    while (i < end && block[i] == ' ') {
      i++;
    }
    int digits = 0;
    for (; i < end && block[i] >= '0' && block[i] <= '7'; i++, digits++) {
      value = value * 8 + (block[i] - '0');
    }
    for (; i < end; i++) {
      if (block[i] != 0 && block[i] != ' ') {
        throw new TarFormatException("malformed " + what + " in a tar header");
      }
    }
    if (digits == 0) {
      throw new TarFormatException("missing " + what + " in a tar header");
    }
    return value;
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** A tar stream that is malformed, truncated or hostile; the message says which and where. */
  public static final class TarFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public TarFormatException(String message) {
      super(message);
    }
  }
}
