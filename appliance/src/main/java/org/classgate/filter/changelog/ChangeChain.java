package org.classgate.filter.changelog;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The hash chain that makes the change-control log tamper-evident: row {@code n} stores {@code
 * SHA-256(hash(n-1) ‖ encode(n, entry))}, with 32 zero bytes standing in for the hash of row 0. A
 * changed, deleted, inserted or reordered row no longer matches the hash stored with it, or breaks
 * the link from the row after it.
 *
 * <p><b>Canonical encoding</b> (version 1), all integers big-endian:
 *
 * <pre>
 *   u8  1                       format version
 *   i64 id                      the row's position, so rows cannot be renumbered or swapped
 *   i64 at.epochSecond, i32 at.nano
 *   then for actor, action, before, after, reason, approvedBy in that order:
 *     i32 -1                    if the field is null, else
 *     i32 n, n bytes            its UTF-8 encoding
 * </pre>
 *
 * Length prefixes make the encoding unambiguous: with plain concatenation {@code ("ab","c")} and
 * {@code ("a","bc")} would hash alike, and a reason could forge the fields after it. Null and the
 * empty string are different values and encode differently.
 *
 * <p>What the chain cannot show on its own: someone able to write the database can rewrite every
 * hash from the first altered row onwards. The log's head hash is therefore what should be anchored
 * elsewhere (synced to the school hub); any later rewrite then disagrees with the anchor. Stateless
 * and thread-safe.
 */
public final class ChangeChain {
  /** The length of a SHA-256 hash in bytes. */
  public static final int HASH_LENGTH = 32;

  /** The encoding version byte. */
  static final int FORMAT_VERSION = 1;

  private static final byte[] GENESIS = new byte[HASH_LENGTH];
  private static final HexFormat HEX = HexFormat.of();

  private ChangeChain() {}

  /** The stand-in for "the hash of the row before row 1": 32 zero bytes (a fresh copy). */
  public static byte[] genesis() {
    return GENESIS.clone();
  }

  /**
   * The chain hash of row {@code id} holding {@code entry}, following a row whose hash is {@code
   * previous}.
   *
   * @param previous the previous row's hash ({@link #genesis()} for row 1); 32 bytes
   */
  public static byte[] link(byte[] previous, long id, ChangeEntry entry) {
    if (previous.length != HASH_LENGTH) {
      throw new IllegalArgumentException(
          "a previous hash is " + HASH_LENGTH + " bytes, got " + previous.length);
    }
    MessageDigest sha256 = sha256();
    sha256.update(previous);
    sha256.update(encode(id, entry));
    return sha256.digest();
  }

  /** The canonical encoding of row {@code id} holding {@code entry}, as described above. */
  public static byte[] encode(long id, ChangeEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    out.write(FORMAT_VERSION);
    writeLong(out, id);
    Instant at = entry.at();
    writeLong(out, at.getEpochSecond());
    writeInt(out, at.getNano());
    writeText(out, entry.actor());
    writeText(out, entry.action());
    writeText(out, entry.before());
    writeText(out, entry.after());
    writeText(out, entry.reason());
    writeText(out, entry.approvedBy());
    return out.toByteArray();
  }

  /** Lower-case hex of {@code hash}. */
  public static String hex(byte[] hash) {
    return HEX.formatHex(hash);
  }

  private static void writeText(ByteArrayOutputStream out, String text) {
    if (text == null) {
      writeInt(out, -1);
      return;
    }
    // AuditText guarantees well-formed UTF-16, so this encoding is lossless and reversible.
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    writeInt(out, utf8.length);
    out.write(utf8, 0, utf8.length);
  }

  private static void writeLong(ByteArrayOutputStream out, long value) {
    writeInt(out, (int) (value >>> 32));
    writeInt(out, (int) value);
  }

  private static void writeInt(ByteArrayOutputStream out, int value) {
    out.write(value >>> 24);
    out.write(value >>> 16);
    out.write(value >>> 8);
    out.write(value);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // Every Java platform must provide SHA-256 (MessageDigest javadoc).
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
