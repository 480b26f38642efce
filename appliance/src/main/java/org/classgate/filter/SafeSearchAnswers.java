package org.classgate.filter;

import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;

/**
 * The messages the SafeSearch stage builds: the query for the safe name that it sends down the
 * chain, and the client's answer — our CNAME followed by what the safe name resolved to. Stateless
 * and thread-safe.
 */
final class SafeSearchAnswers {
  /** RFC 2181 §8: a TTL with the most significant bit set is to be treated as zero. */
  private static final long MAX_TTL = 0x7FFF_FFFFL;

  /** SOA RDATA ends with five 32-bit counters; MINIMUM is the last (RFC 1035 §3.3.13). */
  private static final int SOA_COUNTERS_LENGTH = 20;

  /** The opcode bits of the header flags, echoed from the query (RFC 1035 §4.1.1). */
  private static final int OPCODE_BITS = 0x7800;

  private SafeSearchAnswers() {}

  /**
   * The client's query with the question's name replaced by {@code target}: same ID, flags (RD, CD)
   * and EDNS shape (DO bit, payload size), so the cache below keys and renders the target's answer
   * exactly as it would for a client asking for the target itself.
   */
  static Message targetQuery(Message client, Name target) {
    Question asked = client.question();
    return new Message(
        client.id(),
        client.flags(),
        new Question(target, asked.type(), asked.dnsClass()),
        List.of(),
        List.of(),
        List.of(),
        client.edns());
  }

  /**
   * The answer to a CNAME query for a rewritten name: the CNAME record alone, as an authoritative
   * server would give it (RFC 1034 §4.3.2 step 3a: the chain is only followed when QTYPE is not
   * CNAME).
   */
  static byte[] cnameOnly(Message client, Name target, long cnameTtl) throws WireFormatException {
    return build(client, Rcode.NOERROR, List.of(cname(client, target, cnameTtl)), List.of());
  }

  /**
   * Our CNAME followed by the target's answer, or null if {@code targetWire} is not a usable answer
   * to the target query: not a response, truncated, for another question, or an rcode other than
   * NOERROR (data or NODATA) and NXDOMAIN. NXDOMAIN is kept with the CNAME in front, because the
   * rcode describes the last name of the chain (RFC 6604 §3).
   *
   * <p>The CNAME's TTL is {@code min(cnameTtl, every answer and authority TTL of the target, the
   * SOA MINIMUM of a negative answer, RFC 2308 §5)}: a cache that keeps the answer as a whole keeps
   * it for its shortest TTL, as ClassGate's own cache does, so the alias never outlives the data it
   * points to and the answer expires in one piece.
   *
   * @throws WireFormatException if {@code targetWire} does not parse, or the answer outgrows the 64
   *     KiB message limit with the CNAME added
   */
  static byte[] rewritten(Message client, Name target, byte[] targetWire, long cnameTtl)
      throws WireFormatException {
    Message answer = Message.parse(targetWire);
    Question asked = client.question();
    Question answered = answer.question();
    if (!answer.isResponse()
        || answer.isTruncated()
        || answered == null
        || !answered.name().equals(target)
        || answered.type() != asked.type()
        || answered.dnsClass() != asked.dnsClass()) {
      return null;
    }
    int rcode = answer.rcode();
    if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
      return null;
    }
    long ttl = Math.min(cnameTtl, shortestTtl(answer));
    List<ResourceRecord> records = new ArrayList<>(answer.answers().size() + 1);
    records.add(cname(client, target, ttl));
    records.addAll(answer.answers());
    return build(client, rcode, records, answer.authority(), answer.additional());
  }

  private static ResourceRecord cname(Message client, Name target, long ttl) {
    Question asked = client.question();
    // The owner is the question name exactly as asked: resolvers that randomise case (0x20)
    // match the answer against it.
    return new ResourceRecord(
        asked.name(), RecordType.CNAME, asked.dnsClass(), ttl, target.wireBytes().clone());
  }

  private static long shortestTtl(Message answer) {
    long shortest = Long.MAX_VALUE;
    for (List<ResourceRecord> section : List.of(answer.answers(), answer.authority())) {
      for (ResourceRecord record : section) {
        shortest = Math.min(shortest, ttl(record.ttl()));
        byte[] rdata = record.rdata();
        if (record.type() == RecordType.SOA && rdata.length >= SOA_COUNTERS_LENGTH) {
          int at = rdata.length - 4;
          long minimum =
              ((rdata[at] & 0xFFL) << 24)
                  | ((rdata[at + 1] & 0xFFL) << 16)
                  | ((rdata[at + 2] & 0xFFL) << 8)
                  | (rdata[at + 3] & 0xFFL);
          shortest = Math.min(shortest, ttl(minimum));
        }
      }
    }
    return shortest;
  }

  private static long ttl(long value) {
    return value > MAX_TTL ? 0 : value;
  }

  private static byte[] build(
      Message client, int rcode, List<ResourceRecord> answers, List<ResourceRecord> authority)
      throws WireFormatException {
    return build(client, rcode, answers, authority, List.of());
  }

  /**
   * A response to {@code client}: its ID, opcode, RD and CD bits and question; RA set; AA and AD
   * clear, because the CNAME is ours and unsigned (RFC 4035 §3.2.3 allows AD only when every record
   * was validated); our OPT record only if the client sent one (RFC 6891 §7). Unlimited in size:
   * the listener truncates for UDP.
   */
  private static byte[] build(
      Message client,
      int rcode,
      List<ResourceRecord> answers,
      List<ResourceRecord> authority,
      List<ResourceRecord> additional)
      throws WireFormatException {
    int flags =
        Flags.QR
            | Flags.RA
            | (client.flags() & (OPCODE_BITS | Flags.RD | Flags.CD))
            | Flags.headerRcode(rcode);
    Edns edns = client.edns() == null ? null : Edns.ours(client.edns().dnssecOk());
    return new Message(client.id(), flags, client.question(), answers, authority, additional, edns)
        .toWire();
  }
}
