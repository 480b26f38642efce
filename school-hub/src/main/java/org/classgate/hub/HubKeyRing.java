package org.classgate.hub;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import org.classgate.files.PrivateFile;
import org.classgate.sync.crypto.AgreementKey;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.sync.crypto.SigningKey;
import org.classgate.sync.crypto.SyncKeys;
import org.tinylog.TaggedLogger;

/**
 * The hub's own sync keys in its data directory: the current pair ({@value KeyFile#FILE_NAME}) and,
 * after a rotation, the previous pair under {@code previous-keys/} with the moment of the rotation.
 * Envelopes sealed to the previous agreement key are still opened for a grace period, so boxes that
 * sealed before they saw the new key lose nothing; after it the previous key is no longer used.
 *
 * <p>{@code scripts/hub rotate-keys} rotates from another process while the hub runs: {@link
 * #keys()} re-reads the files when the current key file's modification time changes. Thread-safe.
 */
public final class HubKeyRing {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** The directory under the data directory that holds the previous pair. */
  static final String PREVIOUS_DIR = "previous-keys";

  static final String ROTATED_AT = "rotated-at";

  /**
   * The hub's keys at one moment. Immutable.
   *
   * @param current the pair published at {@code GET /sync/v1/hub}
   * @param previous the pair before the last rotation, or null
   * @param rotatedAt when the last rotation happened, or null
   */
  public record Keys(SyncKeys current, SyncKeys previous, Instant rotatedAt) {
    public Keys {
      Objects.requireNonNull(current, "current");
    }

    /** The previous pair, if there is one and {@code now} is within {@code grace} of rotation. */
    public Optional<SyncKeys> previousWithin(Duration grace, Instant now) {
      if (previous == null || rotatedAt == null || now.isAfter(rotatedAt.plus(grace))) {
        return Optional.empty();
      }
      return Optional.of(previous);
    }
  }

  private final Path dataDir;
  private final KeyFile currentFile;
  private final KeyFile previousFile;
  private Keys keys;
  private FileTime loadedStamp;

  private HubKeyRing(Path dataDir) {
    this.dataDir = dataDir;
    this.currentFile = new KeyFile(dataDir);
    this.previousFile = new KeyFile(dataDir.resolve(PREVIOUS_DIR));
  }

  /** The hub's keys in {@code dataDir}, generating the first pair if there is none. */
  public static HubKeyRing open(Path dataDir, SecureRandom random) throws KeyFileException {
    HubKeyRing ring = new HubKeyRing(dataDir);
    ring.currentFile.loadOrCreate(random);
    ring.reload();
    return ring;
  }

  /** The keys now, re-read if another process rotated them since the last call. */
  public synchronized Keys keys() {
    try {
      FileTime stamp = Files.getLastModifiedTime(currentFile.file());
      if (!stamp.equals(loadedStamp)) {
        reload();
      }
    } catch (IOException | KeyFileException e) {
      // Keep serving with the keys already loaded: a half-finished rotation must not stop the hub.
      LOG.warn("cannot re-read the hub's keys, keeping the loaded ones: {}", e.getMessage());
    }
    return keys;
  }

  private synchronized void reload() throws KeyFileException {
    try {
      FileTime stamp = Files.getLastModifiedTime(currentFile.file());
      SyncKeys current = currentFile.loadOrCreate(new SecureRandom());
      SyncKeys previous = null;
      Instant rotatedAt = null;
      Path rotated = dataDir.resolve(PREVIOUS_DIR).resolve(ROTATED_AT);
      if (Files.exists(previousFile.file()) && Files.exists(rotated)) {
        previous = previousFile.loadOrCreate(new SecureRandom());
        rotatedAt = Instant.parse(Files.readString(rotated, StandardCharsets.US_ASCII).strip());
      }
      keys = new Keys(current, previous, rotatedAt);
      loadedStamp = stamp;
    } catch (IOException | DateTimeParseException e) {
      throw new KeyFileException("cannot read the hub's keys in " + dataDir + ": " + e, e);
    }
  }

  /**
   * Replaces the hub's key pair with a fresh one (same hub id), keeping the old pair as previous
   * from {@code at}. Crash-safe in this order: the previous pair and its time are written before
   * the current file is replaced, so a crash leaves either the old state or both.
   *
   * @return the new keys
   */
  public static Keys rotate(Path dataDir, SecureRandom random, Instant at) throws KeyFileException {
    KeyFile current = new KeyFile(dataDir);
    SyncKeys old;
    try {
      if (!Files.exists(current.file())) {
        throw new NoSuchFileException(current.file().toString());
      }
      old = current.loadOrCreate(random);
      KeyFile previous = new KeyFile(dataDir.resolve(PREVIOUS_DIR));
      previous.write(old);
      PrivateFile.write(
          dataDir.resolve(PREVIOUS_DIR).resolve(ROTATED_AT),
          (at.toString() + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw new KeyFileException("cannot rotate the hub's keys in " + dataDir + ": " + e, e);
    }
    SyncKeys fresh =
        new SyncKeys(old.id(), SigningKey.generate(random), AgreementKey.generate(random));
    current.write(fresh);
    LOG.info(
        "rotated the hub's keys: now {}, previous {}",
        fresh.publicKeys().fingerprint(),
        old.publicKeys().fingerprint());
    return new Keys(fresh, old, at);
  }
}
