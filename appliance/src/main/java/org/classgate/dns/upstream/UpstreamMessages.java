package org.classgate.dns.upstream;

import java.util.List;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.WireFormatException;

/**
 * Translates between a client's query and the messages exchanged with an upstream: the query we
 * send on the client's behalf, and the upstream's answer rewritten for the client. Stateless and
 * thread-safe.
 */
final class UpstreamMessages {
  private UpstreamMessages() {}

  /**
   * The query sent upstream for {@code client}: a fresh {@code id}, RD set (we want recursion
   * whatever the client asked), CD copied so a client doing its own DNSSEC validation still gets
   * the data (RFC 4035 §3.2.2), and our OPT record advertising {@value Edns#ADVERTISED_PAYLOAD}
   * octets with the client's DO bit (RFC 3225 §3). The question goes out exactly as asked, keeping
   * any 0x20 case randomisation the client applied.
   *
   * @param client a parsed query with one question
   * @param id the 16-bit ID, from an unpredictable source (RFC 5452)
   */
  static byte[] upstreamQuery(Message client, int id) throws WireFormatException {
    int flags = Flags.RD | (client.flags() & Flags.CD);
    boolean dnssecOk = client.edns() != null && client.edns().dnssecOk();
    Message query =
        new Message(
            id, flags, client.question(), List.of(), List.of(), List.of(), Edns.ours(dnssecOk));
    return query.toWire();
  }

  /**
   * The upstream's answer as the client must see it: the client's ID and its question exactly as
   * asked (case preserved; the upstream may have changed it), the upstream's header flags and
   * records. Only RD is the client's own, because RFC 1035 §4.1.1 says it is copied from the query
   * (we always set it upstream). The OPT record is ours and only present if the client sent one,
   * because RFC 6891 §7 forbids OPT in a reply to a non-EDNS requester; it keeps the upstream's
   * extended RCODE bits. A non-EDNS client cannot be told an extended RCODE, so it gets SERVFAIL
   * instead of a misleading truncated code.
   *
   * @return the answer in wire form without a size limit (the listener truncates for UDP)
   */
  static byte[] forClient(Message client, Message upstream) throws WireFormatException {
    int flags = (upstream.flags() & ~Flags.RD) | (client.flags() & Flags.RD);
    int extendedRcode = upstream.edns() == null ? 0 : upstream.edns().extendedRcode();
    Edns edns = null;
    if (client.edns() != null) {
      Edns ours = Edns.ours(client.edns().dnssecOk());
      edns =
          new Edns(
              ours.udpPayloadSize(),
              extendedRcode,
              ours.version(),
              ours.dnssecOk(),
              ours.options());
    } else if (extendedRcode != 0) {
      flags = Flags.withHeaderRcode(flags, Rcode.SERVFAIL);
    }
    Message converted =
        new Message(
            client.id(),
            flags,
            client.question(),
            upstream.answers(),
            upstream.authority(),
            upstream.additional(),
            edns);
    return converted.toWire();
  }
}
