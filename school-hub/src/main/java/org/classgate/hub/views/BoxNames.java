package org.classgate.hub.views;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.classgate.hub.BoxEntry;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;

/** Each box's classroom name as it gave it when it enrolled, read once per request. */
final class BoxNames {
  private final Map<UUID, String> names = new HashMap<>();

  BoxNames(HubStore store) throws StoreException {
    for (BoxEntry box : store.boxes()) {
      names.put(box.keys().id(), box.classroom());
    }
  }

  /** The classroom of {@code box}; "" if the hub does not know it. */
  String of(UUID box) {
    return names.getOrDefault(box, "");
  }
}
