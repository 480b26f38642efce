package org.classgate.sync.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.RecordKind;

/**
 * The port through which a capability's store puts a record on its way to the school hub, inside
 * the store's own transaction: the record and its outbound copy commit or roll back together (issue
 * 7: "written to the outbox in the same transaction as the record itself"). Implemented by {@link
 * SqliteOutbox}; the composition root passes it to the stores, so capabilities' store adapters know
 * this interface and {@link org.classgate.sync.payload}, never the outbox. It lives in {@code
 * sync.store} because it takes the caller's JDBC connection, which only store adapters may touch.
 *
 * <p>A box without a hub still writes its records: they wait for enrolment, bounded by {@link
 * OutboxLimits}. Implementations are thread-safe.
 */
@FunctionalInterface
public interface OutboundRecords {
  /**
   * Queues {@code payload} as a record of {@code kind} inside the caller's open transaction on
   * {@code connection}.
   *
   * @param payload the record's content (a {@link org.classgate.sync.payload} encoding), at most
   *     {@link org.classgate.sync.payload.Payloads#MAX_BYTES}
   * @return the record's sequence in the outbox
   * @throws SQLException if it cannot be written: the caller's transaction must then roll back
   */
  long append(Connection connection, RecordKind kind, byte[] payload) throws SQLException;
}
