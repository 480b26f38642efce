package org.classgate.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * Where incidents are kept (the SQLite adapter in {@code incidents.store}). Each method is one
 * transaction; those that record a press return only once it is synced to the disk. Implementations
 * are thread-safe.
 */
public interface IncidentStore {
  /**
   * Creates the incident of a new button report with its first press, its activity snapshot and its
   * alert, durably, in one transaction.
   *
   * @param incident the incident to create ({@code id} is ignored; the store assigns it)
   * @param alertDetail the alert's text; the alert links to the new incident
   * @return the new incident's id
   */
  long createFromPress(
      Incident incident,
      Instant snapshotFrom,
      Instant snapshotTo,
      List<SnapshotEntry> snapshot,
      String alertDetail)
      throws StoreException;

  /**
   * Adds a press, stamped {@code stamp}, to incident {@code incidentId}, durably.
   *
   * @return the incident's press count with this one, or 0 if there is no such incident
   */
  int addPress(long incidentId, Stamp stamp) throws StoreException;

  /** Creates an incident logged by staff; returns its id. */
  long create(Incident incident) throws StoreException;

  Optional<Incident> find(long id) throws StoreException;

  /** The newest incidents first, of {@code status} only if not null, at most {@code limit}. */
  List<Incident> list(IncidentStatus status, int limit) throws StoreException;

  /** Incidents stamped with a wall time in {@code [from, to)}, oldest first (by sequence). */
  List<Incident> between(Instant from, Instant to) throws StoreException;

  /** The incident and everything recorded about it, or empty if there is no such incident. */
  Optional<IncidentDetails> details(long id) throws StoreException;

  /**
   * Moves incident {@code id} from {@code from} to {@code event.status()} and records the event, in
   * one transaction, only if it is still in {@code from}; with {@code review}, stores it too.
   *
   * @return false if the incident was not in {@code from} (nothing is changed)
   */
  boolean move(long id, IncidentStatus from, IncidentEvent event, Review review)
      throws StoreException;

  /** Records an action taken on incident {@code id}. */
  void addAction(long id, IncidentEvent event) throws StoreException;
}
