package org.classgate.dns.server;

import org.classgate.dns.DnsQuery;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.WireFormatException;

/** Fits an answer to what the client can receive over UDP (RFC 1035 §4.2.1, RFC 6891 §6.2.5). */
final class AnswerSizing {
  private AnswerSizing() {}

  /**
   * Returns {@code wire} if it fits the client's advertised UDP size, else the same answer
   * truncated to header, question and OPT record with TC set, so the client retries over TCP.
   */
  static byte[] fitUdp(DnsQuery query, byte[] wire) {
    Message parsedQuery = query.message();
    int limit = parsedQuery == null ? Message.CLASSIC_UDP_LIMIT : parsedQuery.maxUdpPayload();
    if (wire.length <= limit) {
      return wire;
    }
    try {
      return Message.parse(wire).toWire(limit);
    } catch (WireFormatException e) {
      // Only our own or already validated answers reach here; a broken one must not be sent.
      throw new IllegalStateException("answer could not be re-read for truncation", e);
    }
  }
}
