package org.classgate.dns.wire;

/**
 * The EDNS(0) pseudo-record (RFC 6891 §6.1). {@code options} is the raw option list, passed through
 * opaquely. Immutable.
 */
public record Edns(
    int udpPayloadSize, int extendedRcode, int version, boolean dnssecOk, byte[] options) {
  /**
   * The payload size ClassGate advertises: 1232 octets avoids IP fragmentation on every common path
   * (DNS Flag Day 2020 recommendation).
   */
  public static final int ADVERTISED_PAYLOAD = 1232;

  private static final int DO_BIT = 0x8000;

  /** Our own OPT record for an answer, echoing the client's DO bit (RFC 3225 §3). */
  public static Edns ours(boolean dnssecOk) {
    return new Edns(ADVERTISED_PAYLOAD, 0, 0, dnssecOk, new byte[0]);
  }

  /**
   * The UDP payload a requester can receive: at least 512 (RFC 6891 §6.2.5 says values below 512
   * are treated as 512).
   */
  public int effectivePayload() {
    return Math.max(512, udpPayloadSize);
  }

  int ttlField() {
    return (extendedRcode << 24) | (version << 16) | (dnssecOk ? DO_BIT : 0);
  }

  static Edns fromRecord(int dnsClass, long ttl, byte[] rdata) {
    int extended = (int) (ttl >>> 24) & 0xFF;
    int version = (int) (ttl >>> 16) & 0xFF;
    boolean dnssecOk = (ttl & DO_BIT) != 0;
    return new Edns(dnsClass, extended, version, dnssecOk, rdata);
  }
}
