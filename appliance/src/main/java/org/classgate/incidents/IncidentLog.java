package org.classgate.incidents;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.ActivityHistory;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;
import org.classgate.time.TrustedTime;

/**
 * The classroom's e-safety log: reports from the button, incidents logged by staff, and their
 * handling (acknowledge → review → close, with actions from the sanction tables). Every record is
 * stamped with trusted time. Thread-safe (the store serialises writes).
 */
public final class IncidentLog {
  /** The button report's description; staff add their own words through actions and reviews. */
  static final String BUTTON_DESCRIPTION = "Report button pressed";

  private final IncidentStore store;
  private final TrustedTime time;
  private final ActivityHistory history;
  private final String classroom;
  private final Duration snapshotWindow;
  private final Clock clock;

  /** A press as recorded: its incident, the incident's press count and the press's stamp. */
  public record PressRecorded(long incidentId, int pressCount, Stamp stamp) {}

  /**
   * @param classroom the classroom's name, as recorded on every incident
   * @param snapshotWindow how much activity before a press its snapshot keeps
   */
  public IncidentLog(
      IncidentStore store,
      TrustedTime time,
      ActivityHistory history,
      String classroom,
      Duration snapshotWindow,
      Clock clock) {
    this.store = store;
    this.time = time;
    this.history = history;
    this.classroom = classroom;
    this.snapshotWindow = snapshotWindow;
    this.clock = clock;
  }

  /**
   * Records a press of the report button, durably, before returning: a press joining incident
   * {@code joinIncidentId} adds to its count; otherwise (0, or that incident is gone) a new
   * incident is created with the classroom's activity of the last minutes and an alert.
   */
  public PressRecorded press(long joinIncidentId) throws StoreException {
    Stamp stamp = time.now();
    if (joinIncidentId != 0) {
      int count = store.addPress(joinIncidentId, stamp);
      if (count > 0) {
        return new PressRecorded(joinIncidentId, count, stamp);
      }
    }
    Instant to = clock.instant();
    Instant from = to.minus(snapshotWindow);
    List<SnapshotEntry> snapshot = snapshot(history.since(from));
    Incident incident =
        new Incident(
            0,
            stamp,
            Incident.Source.BUTTON,
            classroom,
            1,
            BUTTON_DESCRIPTION,
            null,
            null,
            IncidentStatus.NEW);
    long id =
        store.createFromPress(
            incident,
            from,
            to,
            snapshot,
            "report button pressed in "
                + classroom
                + "; "
                + snapshot.size()
                + " queries in the last "
                + snapshotWindow.toMinutes()
                + " minutes");
    return new PressRecorded(id, 1, stamp);
  }

  private List<SnapshotEntry> snapshot(List<ActivityEntry> entries) {
    List<SnapshotEntry> snapshot = new ArrayList<>(entries.size());
    // The history shares one address object per client: each is written out once (this is on the
    // press's way to durable).
    Map<InetAddress, String> clients = new IdentityHashMap<>();
    for (ActivityEntry entry : entries) {
      snapshot.add(
          new SnapshotEntry(
              entry.time(),
              clients.computeIfAbsent(entry.client(), InetAddress::getHostAddress),
              entry.deviceId(),
              entry.profile(),
              entry.name(),
              entry.type(),
              entry.outcome().name(),
              entry.categories()));
    }
    return snapshot;
  }

  /**
   * Logs an incident reported to staff (the Reporting Log's line).
   *
   * @param occurredAt when it happened, in the reporter's words, or null for now
   * @throws IncidentException if the description or reporter is blank
   */
  public long log(String description, String occurredAt, String reportedBy)
      throws StoreException, IncidentException {
    required(description, "the incident's description");
    required(reportedBy, "who reported it");
    return store.create(
        new Incident(
            0,
            time.now(),
            Incident.Source.STAFF,
            classroom,
            0,
            description,
            occurredAt,
            reportedBy,
            IncidentStatus.NEW));
  }

  /** A member of staff has seen the incident: new → acknowledged. */
  public void acknowledge(long id, String byWhom) throws StoreException, IncidentException {
    move(id, IncidentStatus.ACKNOWLEDGED, null, byWhom, null, null);
  }

  /** The incident is investigated (acknowledged → under review), with the seeds' review record. */
  public void startReview(long id, Review review, String byWhom)
      throws StoreException, IncidentException {
    required(review.reason(), "the reason for investigation");
    required(review.first().name(), "the first reviewing person");
    required(review.second().name(), "the second reviewing person");
    if (samePerson(review.first().name(), review.second().name())) {
      throw new IncidentException(
          IncidentException.Reason.INVALID,
          "a review needs two different reviewing people (the seeds: more than one senior member"
              + " of staff)");
    }
    move(
        id,
        IncidentStatus.UNDER_REVIEW,
        "review started: " + review.reason(),
        byWhom,
        null,
        review);
  }

  /** The review concluded: under review → closed. */
  public void close(long id, String conclusion, String byWhom, String signature)
      throws StoreException, IncidentException {
    required(conclusion, "the conclusion and action proposed or taken");
    move(id, IncidentStatus.CLOSED, conclusion, byWhom, signature, null);
  }

  /** Records an action taken (any status but closed). */
  public void recordAction(
      long id, IncidentAction action, String what, String byWhom, String signature)
      throws StoreException, IncidentException {
    required(byWhom, "who took the action");
    Incident incident = existing(id);
    if (incident.status() == IncidentStatus.CLOSED) {
      throw new IncidentException("incident " + id + " is closed: actions cannot be added");
    }
    store.addAction(id, new IncidentEvent(time.now(), null, action, what, byWhom, signature));
  }

  public List<Incident> list(IncidentStatus status, int limit) throws StoreException {
    return store.list(status, limit);
  }

  public IncidentDetails show(long id) throws StoreException, IncidentException {
    return store.details(id).orElseThrow(() -> notFound(id));
  }

  /** The incident, without its details; empty if there is none. */
  public Optional<Incident> find(long id) throws StoreException {
    return store.find(id);
  }

  /** Incidents stamped with a wall time in {@code [from, to)}, oldest first. */
  public List<Incident> between(Instant from, Instant to) throws StoreException {
    return store.between(from, to);
  }

  /** The classroom's name, as recorded on every incident. */
  public String classroom() {
    return classroom;
  }

  /** Whether incident {@code id} still waits for a member of staff (status new). */
  public boolean awaitingStaff(long id) throws StoreException {
    return store.find(id).map(i -> i.status() == IncidentStatus.NEW).orElse(false);
  }

  private void move(
      long id, IncidentStatus to, String what, String byWhom, String signature, Review review)
      throws StoreException, IncidentException {
    required(byWhom, "who does it");
    IncidentStatus from = existing(id).status();
    if (!from.canMoveTo(to)) {
      throw new IncidentException(
          "incident "
              + id
              + " is "
              + from.label()
              + ": it cannot become "
              + to.label()
              + (from == IncidentStatus.CLOSED
                  ? " (it is closed)"
                  : " (next step: " + IncidentStatus.values()[from.ordinal() + 1].label() + ")"));
    }
    Stamp stamp = time.now();
    Review stamped =
        review == null
            ? null
            : new Review(
                stamp,
                review.group(),
                review.reason(),
                review.first(),
                review.second(),
                review.reviewDevice(),
                review.concerns(),
                review.conclusion());
    if (!store.move(
        id, from, new IncidentEvent(stamp, to, null, what, byWhom, signature), stamped)) {
      throw new IncidentException("incident " + id + " changed meanwhile; look at it again");
    }
  }

  private Incident existing(long id) throws StoreException, IncidentException {
    return store.find(id).orElseThrow(() -> notFound(id));
  }

  private static IncidentException notFound(long id) {
    return new IncidentException(IncidentException.Reason.NOT_FOUND, "there is no incident " + id);
  }

  /**
   * Whether two typed names are the same person's: ignoring case and spaces around and between
   * words, so "Ann Lee " cannot pass for a second reviewer beside "ann lee".
   */
  static boolean samePerson(String first, String second) {
    return normalised(first).equals(normalised(second));
  }

  private static String normalised(String name) {
    return name.strip().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
  }

  private static void required(String value, String what) throws IncidentException {
    if (value == null || value.isBlank()) {
      throw new IncidentException(IncidentException.Reason.INVALID, what + " is required");
    }
  }
}
