package org.classgate.sync.envelope;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.classgate.sync.PartyKeys;

/** An in-memory {@link ReceiverState} for tests: enrolled boxes and what is stored per box. */
final class MapReceiverState implements ReceiverState {
  private final Map<UUID, PartyKeys> pinned = new HashMap<>();
  private final Map<UUID, Long> stored = new HashMap<>();

  MapReceiverState enrol(PartyKeys box) {
    pinned.put(box.id(), box);
    return this;
  }

  void remove(UUID box) {
    pinned.remove(box);
  }

  void storedUpTo(UUID box, long sequence) {
    stored.put(box, sequence);
  }

  @Override
  public Optional<PartyKeys> pinnedKeys(UUID boxId) {
    return Optional.ofNullable(pinned.get(boxId));
  }

  @Override
  public long highestContiguous(UUID boxId) {
    return stored.getOrDefault(boxId, 0L);
  }
}
