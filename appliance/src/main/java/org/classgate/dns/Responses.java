package org.classgate.dns;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.classgate.dns.wire.WireFormatException;

/**
 * Builds the answers ClassGate writes itself (errors, blocks, RFC 8482 minimal answers). Every
 * answer echoes the client's ID, opcode, RD bit and question, and carries our OPT record when the
 * client used EDNS (RFC 6891 §7).
 */
public final class Responses {
  private Responses() {}

  /** An answer with the given response code and no records. */
  public static byte[] error(Message query, int rcode) {
    return build(query, rcode, List.of());
  }

  /**
   * A reply to a message we could not parse beyond its header: the ID, opcode and RD bit are echoed
   * with no question (RFC 1035 §4.1.1 leaves the sections to the server).
   *
   * @param raw at least {@link Message#HEADER_LENGTH} octets
   */
  public static byte[] errorFromHeader(byte[] raw, int rcode) {
    byte[] out = new byte[Message.HEADER_LENGTH];
    out[0] = raw[0];
    out[1] = raw[1];
    int queryFlags = ((raw[2] & 0xFF) << 8) | (raw[3] & 0xFF);
    int flags = Flags.QR | Flags.RA | (queryFlags & (0x7800 | Flags.RD)) | (rcode & 0xF);
    out[2] = (byte) (flags >>> 8);
    out[3] = (byte) flags;
    return out;
  }

  /** The block answer for a query under {@code policy}. */
  public static byte[] blocked(Message query, BlockAnswer policy) {
    Question question = query.question();
    if (policy.mode() == BlockAnswer.Mode.ADDRESS && question.dnsClass() == RecordType.CLASS_IN) {
      if (question.type() == RecordType.A) {
        return build(
            query, Rcode.NOERROR, List.of(record(question, policy.ipv4().getAddress(), policy)));
      }
      if (question.type() == RecordType.AAAA) {
        return build(
            query, Rcode.NOERROR, List.of(record(question, policy.ipv6().getAddress(), policy)));
      }
    }
    return build(query, Rcode.NXDOMAIN, List.of());
  }

  private static ResourceRecord record(Question question, byte[] address, BlockAnswer policy) {
    return new ResourceRecord(
        question.name(), question.type(), RecordType.CLASS_IN, policy.ttlSeconds(), address);
  }

  /**
   * RFC 8482 §4.2: answer ANY with one synthesised HINFO record (CPU "RFC8482", OS empty) instead
   * of every record, which removes the amplification ANY gives an attacker.
   */
  public static byte[] minimalAny(Message query) {
    byte[] cpu = "RFC8482".getBytes(StandardCharsets.US_ASCII);
    byte[] rdata = new byte[cpu.length + 2];
    rdata[0] = (byte) cpu.length;
    System.arraycopy(cpu, 0, rdata, 1, cpu.length);
    rdata[rdata.length - 1] = 0;
    Question question = query.question();
    ResourceRecord hinfo =
        new ResourceRecord(question.name(), RecordType.HINFO, question.dnsClass(), 3600, rdata);
    return build(query, Rcode.NOERROR, List.of(hinfo));
  }

  private static byte[] build(Message query, int rcode, List<ResourceRecord> answers) {
    int flags =
        Flags.QR | Flags.RA | (query.flags() & (0x7800 | Flags.RD | Flags.CD)) | (rcode & 0xF);
    Edns edns = null;
    if (query.edns() != null) {
      Edns ours = Edns.ours(query.edns().dnssecOk());
      edns = new Edns(ours.udpPayloadSize(), rcode >>> 4, 0, ours.dnssecOk(), ours.options());
    }
    Message response =
        new Message(query.id(), flags, query.question(), answers, List.of(), List.of(), edns);
    try {
      return response.toWire(query.maxUdpPayload());
    } catch (WireFormatException e) {
      // Our own answers are a question plus at most one small record: they always fit.
      throw new IllegalStateException("cannot serialise a locally built answer", e);
    }
  }
}
