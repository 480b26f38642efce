/**
 * The record payloads of the sync contract (issue 7, notes/sync-contract.md): one record type per
 * {@link org.classgate.sync.RecordKind}, each with {@code encode()} (UTF-8 JSON, jackson-jr, {@code
 * "v": 1}) and {@code decode(byte[])} for tests and the hub.
 *
 * <p>Hostile text (names, descriptions, notes) travels unchanged: the JSON writer escapes quotes,
 * control characters and the rest; only a lone UTF-16 surrogate, which UTF-8 cannot carry, becomes
 * U+FFFD. Every payload is bounded by {@link org.classgate.sync.payload.Payloads#MAX_BYTES}: an
 * incident's activity snapshot keeps what fits and counts the rest, and a record that would not fit
 * even without it is squeezed (long texts cut with a note, the oldest of very long lists left out
 * and counted), so the outbox never refuses a record the school must have. These types depend only
 * on the JDK, jackson-jr and {@link org.classgate.time.Stamp}: the capabilities map their records
 * onto them, and the hub can read them without the box's capabilities.
 */
package org.classgate.sync.payload;
