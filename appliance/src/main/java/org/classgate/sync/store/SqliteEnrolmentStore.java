package org.classgate.sync.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.Enrolment;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.EnrolmentStore;
import org.classgate.sync.PartyKeys;

/** The box's enrolment in its SQLite database (migration 011). Thread-safe. */
public final class SqliteEnrolmentStore implements EnrolmentStore {
  private final Database database;

  public SqliteEnrolmentStore(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public Optional<Enrolment> load() throws StoreException {
    return database.transaction(
        "reading the sync enrolment",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT hub_url, hub_pin, hub_id, hub_signing_key, hub_agreement_key,"
                          + " status, changed_at FROM sync_enrolment WHERE id = 1");
              ResultSet row = select.executeQuery()) {
            if (!row.next()) {
              return Optional.empty();
            }
            String hubId = row.getString(3);
            PartyKeys hub =
                hubId == null
                    ? null
                    : new PartyKeys(UUID.fromString(hubId), row.getBytes(4), row.getBytes(5));
            return Optional.of(
                new Enrolment(
                    row.getString(1),
                    row.getString(2),
                    hub,
                    EnrolmentStatus.ofWord(row.getString(6)),
                    Instant.parse(row.getString(7))));
          }
        });
  }

  @Override
  public void save(Enrolment enrolment) throws StoreException {
    database.durableTransaction(
        "saving the sync enrolment",
        c -> {
          try (PreparedStatement upsert =
              c.prepareStatement(
                  "INSERT OR REPLACE INTO sync_enrolment (id, hub_url, hub_pin, hub_id,"
                      + " hub_signing_key, hub_agreement_key, status, changed_at)"
                      + " VALUES (1, ?, ?, ?, ?, ?, ?, ?)")) {
            PartyKeys hub = enrolment.hubKeys();
            upsert.setString(1, enrolment.hubUrl());
            upsert.setString(2, enrolment.hubPin());
            upsert.setString(3, hub == null ? null : hub.id().toString());
            upsert.setBytes(4, hub == null ? null : hub.signingKey());
            upsert.setBytes(5, hub == null ? null : hub.agreementKey());
            upsert.setString(6, enrolment.status().word());
            upsert.setString(7, enrolment.changedAt().toString());
            return upsert.executeUpdate();
          }
        });
  }
}
