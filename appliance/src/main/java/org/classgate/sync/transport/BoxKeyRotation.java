package org.classgate.sync.transport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.classgate.sync.crypto.AgreementKey;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.sync.crypto.SigningKey;
import org.classgate.sync.crypto.SyncKeys;
import org.tinylog.TaggedLogger;

/**
 * Rotates the box's sync keys without losing anything queued: the outbox holds plain records and
 * sealing happens at send time, so only the keys change. The new pair is first kept aside ({@code
 * sync-keys-next/}), then pinned at the hub with a request signed by the current key, and only then
 * made current. A crash or a lost answer in between is repaired by running it again: the same next
 * pair is sent, and the hub accepts a repeat signed by the key it replaced. Stateless.
 */
public final class BoxKeyRotation {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** The directory under the data directory that holds a rotation in progress. */
  public static final String NEXT_DIR = "sync-keys-next";

  private BoxKeyRotation() {}

  /**
   * Rotates the keys in {@code dataDir} at the hub behind {@code hub}.
   *
   * @return the new current keys
   */
  public static SyncKeys rotate(Path dataDir, HubLink hub, SecureRandom random)
      throws KeyFileException, IOException, HubRefused {
    KeyFile current = new KeyFile(dataDir);
    KeyFile next = new KeyFile(dataDir.resolve(NEXT_DIR));
    SyncKeys keys = current.loadOrCreate(random);
    SyncKeys fresh;
    if (Files.exists(next.file())) {
      fresh = next.loadOrCreate(random);
      LOG.info("resuming the key rotation to {}", fresh.publicKeys().fingerprint());
    } else {
      fresh = new SyncKeys(keys.id(), SigningKey.generate(random), AgreementKey.generate(random));
      next.write(fresh);
    }
    hub.rotateKeys(keys, fresh.publicKeys());
    current.write(fresh);
    Files.deleteIfExists(next.file());
    LOG.info(
        "rotated the box's sync keys: {} (was {})",
        fresh.publicKeys().fingerprint(),
        keys.publicKeys().fingerprint());
    return fresh;
  }
}
