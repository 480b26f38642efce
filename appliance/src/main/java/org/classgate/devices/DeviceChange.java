package org.classgate.devices;

import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * One entry of the registry's change record: a device quarantined, approved, moved to another
 * class, blocked, unblocked, forgotten or imported, and who did it. Immutable.
 *
 * @param id the entry's number, increasing with time
 * @param mac the device's address as stored (text: the device may since have been forgotten)
 * @param kind what happened, e.g. {@code approved}, {@code class-changed}; non-null
 * @param detail a few words on it (e.g. {@code class pupil-owned}); non-null
 * @param actor who did it (a console user, {@code command line …}); null when the network did it (a
 *     new device seen) or for entries recorded before actors were
 * @param at when; non-null
 */
public record DeviceChange(
    long id, String mac, String kind, String detail, String actor, Stamp at) {
  public DeviceChange {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(at, "at");
  }
}
