package org.classgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.store.Database;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.payload.Payloads;
import org.classgate.sync.store.SqliteOutbox;

/** The real outbox and pseudonyms the stores are built with in tests. */
public final class Outboxes {
  private Outboxes() {}

  /** The outbox in {@code database}, with the default bound and the payloads' record limit. */
  public static SqliteOutbox of(Database database) {
    return new SqliteOutbox(database, Payloads.outboxLimits(OutboxLimits.DEFAULT.maxQueuedBytes()));
  }

  /** The pseudonyms of a key in {@code dataDir} (created there on first use). */
  public static DevicePseudonyms pseudonyms(Path dataDir) {
    try {
      return DevicePseudonyms.load(dataDir, new SecureRandom());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
