/**
 * Sync: the store-and-forward channel that carries a box's incidents, alerts, change logs, device
 * changes, health and pseudonymised activity summaries to the school hub (issue 7).
 *
 * <h2>Design decisions</h2>
 *
 * <ul>
 *   <li><b>Bouncy Castle's lightweight API, not the JDK</b> ({@code sync.crypto} only, enforced by
 *       the architecture test). JDK 17 has Ed25519, X25519 and ChaCha20-Poly1305, but no HKDF
 *       (added in JDK 24), and it exposes X25519 keys as {@code BigInteger} u-coordinates, where
 *       the envelope needs the raw 32-byte RFC 7748 encoding; Bouncy Castle gives raw keys, HKDF
 *       and all three primitives without provider registration, and the hub runs the same code.
 *   <li><b>Envelope</b> ({@code sync.envelope}): age / HPKE base mode with a signature. A fresh
 *       ephemeral X25519 key per envelope, HKDF-SHA256 (info: ephemeral key, recipient key, header)
 *       into a one-time ChaCha20-Poly1305 key with the all-zero nonce (a key never encrypts twice),
 *       the header as associated data, and an Ed25519 signature by the box over header and
 *       ciphertext so the hub knows which box sent it. The opener checks sizes before any
 *       cryptography, the signature before decrypting and the replay state after the signature;
 *       every refusal is a {@link org.classgate.sync.envelope.Rejection}.
 *   <li><b>Contiguous outbox sequences</b> ({@code sync.store}), not {@link
 *       org.classgate.time.TrustedTime} stamps: stamps skip the rest of a reserved block after a
 *       crash, and the hub acknowledges the highest <em>contiguous</em> sequence, so a gap would
 *       stall acknowledgements. The counter row advances in the producer's own transaction, so a
 *       rollback leaves no gap. Producers keep their stamps inside their payloads.
 *   <li><b>Tombstones</b>: a record dropped to keep the outbox within its bound keeps its row and
 *       sequence with an empty payload and goes to the hub as "dropped", so the sequence stays
 *       contiguous and the hub can report exactly what was lost, and when.
 * </ul>
 */
package org.classgate.sync;
