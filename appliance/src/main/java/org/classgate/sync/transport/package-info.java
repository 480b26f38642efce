/**
 * The box's side of the link to the school hub: {@link org.classgate.sync.transport.HubClient}
 * (HTTPS, TLS 1.3, the hub's key pinned), {@link org.classgate.sync.transport.SyncSender} (enrol,
 * then drain the outbox: seal at send time, post, prune on acknowledgement; full-jitter back-off),
 * and {@link org.classgate.sync.transport.BoxKeyRotation}. The sender's time, pause and randomness
 * are injected, so its decisions are tested round by round without sleeping.
 */
package org.classgate.sync.transport;
