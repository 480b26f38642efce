package org.classgate.incidents;

import java.util.List;
import org.classgate.store.StoreException;
import org.classgate.time.TrustedTime;

/**
 * The alerts as the Designated Safeguarding Lead works through them: the open ones (or all), and
 * acknowledging or dismissing one, recorded with who and a trusted-time stamp. An alert is handled
 * once: the first decision stands. Thread-safe (the store serialises writes).
 */
public final class AlertInbox {
  /** At most this many alerts are listed at once. */
  public static final int MAX_LISTED = 500;

  private final AlertStore store;
  private final TrustedTime time;

  public AlertInbox(AlertStore store, TrustedTime time) {
    this.store = store;
    this.time = time;
  }

  /** The newest alerts first: open ones only unless {@code withHandled}. */
  public List<StoredAlert> list(boolean withHandled) throws StoreException {
    return store.recent(withHandled, MAX_LISTED);
  }

  /**
   * Records that {@code byWhom} handled alert {@code id}.
   *
   * @throws IncidentException NOT_FOUND for an unknown alert, CONFLICT for one already handled
   *     (naming by whom and how), INVALID for a blank {@code byWhom}
   */
  public StoredAlert handle(long id, AlertHandling handling, String byWhom)
      throws StoreException, IncidentException {
    if (byWhom == null || byWhom.isBlank()) {
      throw new IncidentException(IncidentException.Reason.INVALID, "who handles it is required");
    }
    StoredAlert alert =
        store
            .find(id)
            .orElseThrow(
                () ->
                    new IncidentException(
                        IncidentException.Reason.NOT_FOUND, "there is no alert " + id));
    if (alert.open() && store.handle(id, handling, byWhom, time.now())) {
      return store.find(id).orElseThrow();
    }
    StoredAlert now = store.find(id).orElse(alert);
    throw new IncidentException(
        "alert "
            + id
            + " was already "
            + (now.handling() == null ? "handled" : now.handling().label())
            + (now.handledBy() == null ? "" : " by " + now.handledBy()));
  }
}
