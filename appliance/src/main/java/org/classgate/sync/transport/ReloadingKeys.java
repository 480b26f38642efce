package org.classgate.sync.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.security.SecureRandom;
import java.util.function.Supplier;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.sync.crypto.SyncKeys;
import org.tinylog.TaggedLogger;

/**
 * The box's keys from its key file, re-read when the file changes, so a rotation made by {@code
 * classgate sync rotate-keys} in another process reaches the running sender. Thread-safe.
 */
public final class ReloadingKeys implements Supplier<SyncKeys> {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  private final KeyFile file;
  private SyncKeys keys;
  private FileTime stamp;

  /** Loads (creating if needed) the keys in {@code file}. */
  public ReloadingKeys(KeyFile file, SecureRandom random) throws KeyFileException {
    this.file = file;
    this.keys = file.loadOrCreate(random);
    this.stamp = modified();
  }

  @Override
  public synchronized SyncKeys get() {
    FileTime now = modified();
    if (now != null && !now.equals(stamp)) {
      try {
        keys = file.loadOrCreate(new SecureRandom());
        stamp = now;
        LOG.info("sync keys changed on disk: now {}", keys.publicKeys().fingerprint());
      } catch (KeyFileException e) {
        LOG.warn("cannot re-read the sync keys, keeping the loaded ones: {}", e.getMessage());
      }
    }
    return keys;
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(file.file());
    } catch (IOException e) {
      return null;
    }
  }
}
