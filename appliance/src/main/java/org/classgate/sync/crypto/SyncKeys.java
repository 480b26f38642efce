package org.classgate.sync.crypto;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.UUID;
import org.classgate.sync.PartyKeys;

/**
 * One party's identity on the sync channel: a stable id (the box id, or the hub's id), an Ed25519
 * key that signs and an X25519 key that envelopes are sealed to. The id outlives key rotation; the
 * keys do not. Immutable and thread-safe. Holds secrets: never log it.
 */
public final class SyncKeys {
  private final UUID id;
  private final SigningKey signing;
  private final AgreementKey agreement;

  public SyncKeys(UUID id, SigningKey signing, AgreementKey agreement) {
    this.id = Objects.requireNonNull(id, "id");
    this.signing = Objects.requireNonNull(signing, "signing");
    this.agreement = Objects.requireNonNull(agreement, "agreement");
  }

  /** A new identity: a random id and two fresh keys. */
  public static SyncKeys generate(SecureRandom random) {
    UUID id = new UUID(random.nextLong(), random.nextLong());
    return new SyncKeys(id, SigningKey.generate(random), AgreementKey.generate(random));
  }

  public UUID id() {
    return id;
  }

  public SigningKey signing() {
    return signing;
  }

  public AgreementKey agreement() {
    return agreement;
  }

  /** What the other side pins: the id and both public keys. */
  public PartyKeys publicKeys() {
    return new PartyKeys(id, signing.publicKey(), agreement.publicKey());
  }

  @Override
  public String toString() {
    return "SyncKeys[" + publicKeys().fingerprint() + "]";
  }
}
