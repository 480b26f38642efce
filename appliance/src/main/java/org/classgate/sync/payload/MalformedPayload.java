package org.classgate.sync.payload;

/** A payload that is not what the contract says its kind holds; the message names the field. */
public final class MalformedPayload extends Exception {
  private static final long serialVersionUID = 1L;

  public MalformedPayload(String message) {
    super(message);
  }
}
