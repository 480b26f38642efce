package org.classgate.sync.envelope;

/**
 * The largest envelope a receiver accepts, checked before any cryptography so an oversized upload
 * costs no more than reading its header.
 *
 * @param maxBytes the largest whole envelope, in bytes
 * @param maxRecords the most records in one envelope
 */
public record EnvelopeLimits(int maxBytes, int maxRecords) {
  /** 8 MiB and 100,000 records: a day of a busy classroom's summaries fits in a few envelopes. */
  public static final EnvelopeLimits DEFAULT = new EnvelopeLimits(8 << 20, 100_000);

  public EnvelopeLimits {
    if (maxBytes < EnvelopeHeader.LENGTH + Envelopes.TRAILER_LENGTH || maxRecords < 1) {
      throw new IllegalArgumentException(
          "envelope limits too small: " + maxBytes + " bytes, " + maxRecords + " records");
    }
  }
}
