package org.classgate.sync.transport;

import java.io.IOException;
import java.util.UUID;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.SyncKeys;

/**
 * The box's calls to its hub (the sync contract's HTTP API). {@link HubClient} is the HTTPS
 * implementation. An {@link IOException} means the hub was not reached or did not answer: retry
 * later. Implementations are thread-safe.
 */
public interface HubLink {
  /** The hub's id and public sync keys ({@code GET /sync/v1/hub}). */
  PartyKeys hubKeys() throws IOException, HubRefused;

  /** Asks to enrol ({@code POST /sync/v1/enrolments}); returns the hub's status for the box. */
  EnrolmentStatus requestEnrolment(PartyKeys box, String classroom) throws IOException, HubRefused;

  /** The box's enrolment status at the hub ({@code GET /sync/v1/enrolments/{id}}). */
  EnrolmentStatus enrolmentStatus(UUID box) throws IOException, HubRefused;

  /** Delivers one sealed envelope ({@code POST /sync/v1/envelopes}). */
  Delivery deliver(byte[] envelope) throws IOException;

  /**
   * Pins {@code next} at the hub ({@code POST /sync/v1/keys}), signed by {@code current}, the box's
   * keys the hub pins now.
   */
  void rotateKeys(SyncKeys current, PartyKeys next) throws IOException, HubRefused;
}
