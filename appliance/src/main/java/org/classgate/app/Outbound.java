package org.classgate.app;

import java.io.IOException;
import java.security.SecureRandom;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.store.Database;
import org.classgate.sync.store.SqliteOutbox;

/**
 * What every producer of records for the school hub shares, made once per process from the
 * configuration: the outbox (the stores' {@link org.classgate.sync.store.OutboundRecords} port) and
 * the device pseudonyms. The running box and the {@code classgate} commands that change records
 * (incidents, devices, policy) use the same, so a change made from the command line reaches the hub
 * like one made by the box. A box without a hub configured queues them all the same: they wait for
 * enrolment, within the configured bound.
 */
final class Outbound {
  private Outbound() {}

  static SqliteOutbox outbox(ApplianceConfig config, Database database) {
    return new SqliteOutbox(database, config.outbox().limits());
  }

  /**
   * The box's pseudonym key from the data directory (created on first use).
   *
   * @throws IOException if the key cannot be read or created
   */
  static DevicePseudonyms pseudonyms(ApplianceConfig config) throws IOException {
    return DevicePseudonyms.load(config.dataDir(), new SecureRandom());
  }
}
