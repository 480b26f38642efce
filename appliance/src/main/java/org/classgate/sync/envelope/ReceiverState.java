package org.classgate.sync.envelope;

import java.util.Optional;
import java.util.UUID;
import org.classgate.sync.PartyKeys;

/**
 * What the receiver (the hub) knows when it opens an envelope. Implementations must be thread-safe
 * if the opener is shared between threads.
 */
public interface ReceiverState {
  /** The keys pinned for {@code boxId} at enrolment; empty if it is unknown or was removed. */
  Optional<PartyKeys> pinnedKeys(UUID boxId);

  /**
   * The highest sequence such that every record of the box up to it is stored; 0 if none. An
   * envelope ending at or below it is a replay.
   */
  long highestContiguous(UUID boxId);
}
