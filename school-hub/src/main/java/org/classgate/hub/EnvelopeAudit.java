package org.classgate.hub;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeLimits;
import org.classgate.sync.envelope.EnvelopeOpener;
import org.classgate.sync.envelope.EnvelopeRejected;
import org.classgate.sync.envelope.OpenedEnvelope;
import org.classgate.sync.envelope.ReceiverState;
import org.classgate.sync.envelope.Rejection;

/**
 * Checks what the hub stored against the signed evidence: every kept envelope must still verify
 * with the signing key it arrived under, and, where the hub still holds the agreement key it was
 * sealed to, decrypt to exactly the records stored from it. A changed byte in a stored envelope or
 * a stored record is found ({@code scripts/hub verify}). Stateless; reads through the store.
 */
public final class EnvelopeAudit {
  /** Envelopes read per query. */
  private static final int PAGE = 200;

  private EnvelopeAudit() {}

  /** The result: envelopes checked and every discrepancy found. */
  public record Report(long envelopes, long decrypted, List<String> problems) {
    public Report {
      problems = List.copyOf(problems);
    }
  }

  /** Audits every stored envelope of {@code box} with the hub's keys {@code keys}. */
  public static Report audit(HubStore store, UUID box, HubKeyRing.Keys keys, EnvelopeLimits limits)
      throws StoreException {
    List<String> problems = new ArrayList<>();
    long checked = 0;
    long decrypted = 0;
    long after = 0;
    while (true) {
      List<HubStore.StoredEnvelope> page = store.envelopes(box, after, PAGE);
      if (page.isEmpty()) {
        break;
      }
      for (HubStore.StoredEnvelope envelope : page) {
        after = envelope.id();
        checked++;
        Optional<OpenedEnvelope> opened = open(envelope, keys, limits, problems);
        if (opened.isEmpty()) {
          continue;
        }
        decrypted++;
        compare(store, envelope, opened.get(), problems);
      }
    }
    return new Report(checked, decrypted, problems);
  }

  private static Optional<OpenedEnvelope> open(
      HubStore.StoredEnvelope envelope,
      HubKeyRing.Keys keys,
      EnvelopeLimits limits,
      List<String> problems) {
    List<SyncKeys> candidates = new ArrayList<>();
    candidates.add(keys.current());
    if (keys.previous() != null) {
      candidates.add(keys.previous());
    }
    ReceiverState signer = new SignerOnly(envelope.box(), envelope.signerKey());
    for (SyncKeys hubKeys : candidates) {
      try {
        return Optional.of(new EnvelopeOpener(hubKeys, limits, signer).open(envelope.bytes()));
      } catch (EnvelopeRejected e) {
        if (e.reason() != Rejection.WRONG_RECIPIENT) {
          problems.add("envelope " + envelope.id() + " no longer verifies: " + e.getMessage());
          return Optional.empty();
        }
      }
    }
    // Sealed to a key the hub has since discarded: the signature cannot be checked through the
    // opener (it checks the recipient first), so check it directly.
    if (!signatureHolds(envelope)) {
      problems.add("envelope " + envelope.id() + " no longer verifies: bad signature");
    }
    return Optional.empty();
  }

  private static boolean signatureHolds(HubStore.StoredEnvelope envelope) {
    byte[] bytes = envelope.bytes();
    int signed = bytes.length - org.classgate.sync.crypto.SigningKey.SIGNATURE_LENGTH;
    return signed > 0
        && org.classgate.sync.crypto.SigningKey.verify(
            envelope.signerKey(), bytes, 0, signed, bytes, signed);
  }

  private static void compare(
      HubStore store,
      HubStore.StoredEnvelope envelope,
      OpenedEnvelope opened,
      List<String> problems)
      throws StoreException {
    List<SyncRecord> inEnvelope = opened.records();
    List<SyncRecord> stored =
        store.records(envelope.box(), inEnvelope.get(0).sequence(), inEnvelope.size());
    for (SyncRecord record : inEnvelope) {
      Optional<SyncRecord> match =
          stored.stream().filter(s -> s.sequence() == record.sequence()).findFirst();
      if (match.isEmpty()) {
        problems.add(
            "record " + record.sequence() + " of envelope " + envelope.id() + " is missing");
      } else if (!match.get().equals(record) && !(record.dropped() && !match.get().dropped())) {
        // (A tombstone may follow the live record it replaced when an acknowledgement was lost.)
        problems.add(
            "record "
                + record.sequence()
                + " differs from envelope "
                + envelope.id()
                + " that brought it");
      }
    }
  }

  /** Pins only the key the stored envelope arrived under; no replay state. */
  private record SignerOnly(UUID box, byte[] signingKey) implements ReceiverState {
    @Override
    public Optional<PartyKeys> pinnedKeys(UUID boxId) {
      // The agreement key is not used to open; any valid 32 bytes do.
      return boxId.equals(box)
          ? Optional.of(new PartyKeys(box, signingKey, signingKey))
          : Optional.empty();
    }

    @Override
    public long highestContiguous(UUID boxId) {
      return 0;
    }
  }
}
