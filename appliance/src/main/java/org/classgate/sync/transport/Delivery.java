package org.classgate.sync.transport;

/**
 * The hub's answer to one envelope. Immutable.
 *
 * @param status the HTTP status
 * @param acknowledged the highest contiguous sequence the hub holds for the box, or -1 if the
 *     answer carries none
 * @param error the hub's error word, or null on success
 */
public record Delivery(int status, long acknowledged, String error) {
  /** 200 stored, or 409 replayed (everything in it was held already): both acknowledge. */
  public boolean acknowledges() {
    return (status == 200 || status == 409) && acknowledged >= 0;
  }

  /** The hub has rotated its agreement key past the one this envelope was sealed to. */
  public boolean wrongRecipient() {
    return status == 403 && "wrong-recipient".equals(error);
  }

  /** The hub does not (or no longer) accept this box, or not with these keys. */
  public boolean notAccepted() {
    return status == 403 && !wrongRecipient();
  }

  public boolean oversized() {
    return status == 413;
  }
}
