package org.classgate.filter.sources;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar archives byte by byte for tests: honest ones, and the hostile ones no tar tool will
 * write (a {@code ..} path, a lying size, a broken checksum). Headers are POSIX ustar with a
 * correct checksum unless a test breaks it.
 */
final class TarFixture {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  /** Adds a regular file. */
  TarFixture file(String path, String content) {
    byte[] data = content.getBytes(StandardCharsets.UTF_8);
    return entry(path, '0', data.length, data);
  }

  /** Adds an entry of any type with {@code declaredSize} in its header and {@code data} after. */
  TarFixture entry(String path, char type, long declaredSize, byte[] data) {
    byte[] header = header(path, type, declaredSize);
    out.writeBytes(header);
    out.writeBytes(data);
    out.writeBytes(new byte[(512 - data.length % 512) % 512]);
    return this;
  }

  /** Raw bytes, e.g. a header with a broken checksum. */
  TarFixture raw(byte[] bytes) {
    out.writeBytes(bytes);
    return this;
  }

  static byte[] header(String path, char type, long size) {
    byte[] header = new byte[512];
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(name, 0, header, 0, Math.min(100, name.length));
    put(header, 100, "0000644\0");
    put(header, 108, "0000000\0");
    put(header, 116, "0000000\0");
    put(header, 124, String.format("%011o\0", size));
    put(header, 136, "00000000000\0");
    header[156] = (byte) type;
    put(header, 257, "ustar\0");
    put(header, 263, "00");
    put(header, 148, "        ");
    int sum = 0;
    for (byte b : header) {
      sum += b & 0xFF;
    }
    put(header, 148, String.format("%06o\0 ", sum));
    return header;
  }

  private static void put(byte[] header, int offset, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  /** The archive so far, ended with the two zero blocks. */
  byte[] tar() {
    ByteArrayOutputStream copy = new ByteArrayOutputStream();
    copy.writeBytes(out.toByteArray());
    copy.writeBytes(new byte[1024]);
    return copy.toByteArray();
  }

  /** The archive gzip-compressed. */
  byte[] tarGz() throws IOException {
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
      gzip.write(tar());
    }
    return compressed.toByteArray();
  }

  Path writeTarGz(Path file) throws IOException {
    Files.write(file, tarGz());
    return file;
  }
}
