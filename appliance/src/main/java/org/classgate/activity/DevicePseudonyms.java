package org.classgate.activity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms for device ids in anything that leaves the box (statistics and activity synced to the
 * school hub): HMAC-SHA256 (RFC 2104) of the id under a secret key that never leaves the box. The
 * same device always gets the same pseudonym from the same box, so the hub can count per device,
 * but without the key nobody can test a guessed MAC address against it (a plain hash of a 48-bit
 * MAC could be reversed by trying them all). Thread-safe.
 */
public final class DevicePseudonyms {
  /** The key file's name inside the data directory. */
  public static final String KEY_FILE = "pseudonym.key";

  private static final int KEY_BYTES = 32;

  /** 128 bits of the MAC: collisions among a school's devices are out of the question. */
  private static final int PSEUDONYM_BYTES = 16;

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private final SecretKeySpec key;

  private DevicePseudonyms(byte[] key) {
    this.key = new SecretKeySpec(key, "HmacSHA256");
  }

  /**
   * The box's pseudonyms, with the key from {@code dataDir}/{@value #KEY_FILE}; a new random key is
   * created there (mode 0600, written and synced before use) on first use. A key file readable by
   * others is tightened to 0600.
   *
   * @throws IOException if the key cannot be read or created, or has the wrong length
   */
  public static DevicePseudonyms load(Path dataDir, SecureRandom random) throws IOException {
    Path file = dataDir.resolve(KEY_FILE);
    if (!Files.exists(file)) {
      byte[] fresh = new byte[KEY_BYTES];
      random.nextBytes(fresh);
      try {
        create(file, fresh);
      } catch (FileAlreadyExistsException e) {
        // Another process created it first: use theirs, read below.
      }
    }
    if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(file, OWNER_ONLY);
    }
    byte[] key = Files.readAllBytes(file);
    if (key.length != KEY_BYTES) {
      throw new IOException(
          file + " holds " + key.length + " bytes, not a " + KEY_BYTES + "-byte pseudonym key");
    }
    return new DevicePseudonyms(key);
  }

  /** Writes the key to a new file created with owner-only permissions, so it is never exposed. */
  private static void create(Path file, byte[] key) throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(partial);
    try (FileChannel channel =
        FileChannel.open(
            partial,
            Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
            PosixFilePermissions.asFileAttribute(OWNER_ONLY))) {
      ByteBuffer buffer = ByteBuffer.wrap(key);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    // A hard link refuses to replace an existing key (unlike a rename), so two first starts
    // racing both end up with the one key that won.
    try {
      Files.createLink(file, partial);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  /** The pseudonym of {@code deviceId}: 32 lower-case hex digits. */
  public String of(String deviceId) {
    try {
      // A Mac is cheap to make and not thread-safe; this is never on the DNS path.
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(deviceId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, PSEUDONYM_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
    }
  }
}
