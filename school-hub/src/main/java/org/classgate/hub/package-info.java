/**
 * The school hub: receives the classroom boxes' sealed envelopes over HTTPS, verifies, decrypts and
 * stores their records exactly once per (box, sequence), and manages enrolment and key rotation.
 * {@link org.classgate.hub.Hub} is the composition root; storage is behind {@link
 * org.classgate.hub.HubStore} (SQLite in {@code hub.store}; PostgreSQL next), HTTP in {@code
 * hub.http}. The envelope format and its cryptography are the box's own classes ({@code
 * org.classgate.sync.envelope}), so both ends share one implementation.
 */
package org.classgate.hub;
