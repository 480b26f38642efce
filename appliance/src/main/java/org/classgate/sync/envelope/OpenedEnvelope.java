package org.classgate.sync.envelope;

import java.util.List;
import java.util.Objects;
import org.classgate.sync.SyncRecord;

/**
 * An envelope that passed every check: authentic, for this receiver, not a replay, well-formed.
 *
 * @param header its header
 * @param records its records, in sequence order from {@code header.firstSequence()}; unmodifiable
 */
public record OpenedEnvelope(EnvelopeHeader header, List<SyncRecord> records) {
  public OpenedEnvelope {
    Objects.requireNonNull(header, "header");
    records = List.copyOf(records);
  }
}
