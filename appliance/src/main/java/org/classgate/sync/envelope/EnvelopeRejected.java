package org.classgate.sync.envelope;

import java.util.Objects;

/** An envelope was refused; {@link #reason()} says why, the message adds the detail to log. */
public final class EnvelopeRejected extends Exception {
  private static final long serialVersionUID = 1L;

  private final Rejection reason;

  public EnvelopeRejected(Rejection reason, String detail) {
    super(reason + ": " + detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public Rejection reason() {
    return reason;
  }
}
