package org.classgate.incidents;

import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * An alert as kept, with what staff did about it. Immutable.
 *
 * @param id the alert's number in the store (its stamp's sequence number)
 * @param handling what was done with it, or null while it is open
 * @param handledBy who handled it, or null while it is open
 * @param handled when it was handled, or null while it is open
 */
public record StoredAlert(
    long id, Alert alert, AlertHandling handling, String handledBy, Stamp handled) {
  public StoredAlert {
    Objects.requireNonNull(alert, "alert");
    if ((handling == null) != (handledBy == null) || (handling == null) != (handled == null)) {
      throw new IllegalArgumentException(
          "alert " + id + ": handling, by whom and when go together");
    }
  }

  /** Whether nobody has acknowledged or dismissed it yet. */
  public boolean open() {
    return handling == null;
  }
}
