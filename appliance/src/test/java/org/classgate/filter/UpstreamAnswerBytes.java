package org.classgate.filter;

import java.net.InetAddress;
import org.classgate.dns.wire.DnsWriter;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.WireFormatException;

/**
 * Builds an answer the way an upstream server writes one: every name compressed against the names
 * before it, including the names inside CNAME RDATA (BIND and unbound do this; RFC 1035 §4.1.4
 * allows it for the RFC 1035 types), while DNAME RDATA is written in full as RFC 6672 §2.5 asks of
 * senders. Not thread-safe.
 */
final class UpstreamAnswerBytes {
  private final DnsWriter out = new DnsWriter();
  private int answers;

  private UpstreamAnswerBytes(Message query) throws WireFormatException {
    Question question = query.question();
    out.u16(query.id()).u16(Flags.QR | Flags.RA | (query.flags() & Flags.RD));
    out.u16(1).u16(0).u16(0).u16(0);
    out.name(question.name()).u16(question.type()).u16(question.dnsClass());
  }

  /** Starts an answer to {@code query} (its ID, RD bit and question), with no records yet. */
  static UpstreamAnswerBytes to(Message query) throws WireFormatException {
    return new UpstreamAnswerBytes(query);
  }

  UpstreamAnswerBytes cname(String owner, String target) throws WireFormatException {
    return alias(owner, RecordType.CNAME, target, true);
  }

  UpstreamAnswerBytes dname(String owner, String target) throws WireFormatException {
    return alias(owner, RecordType.DNAME, target, false);
  }

  /** A DNAME whose target is compressed, as a non-conforming sender might write it. */
  UpstreamAnswerBytes compressedDname(String owner, String target) throws WireFormatException {
    return alias(owner, RecordType.DNAME, target, true);
  }

  UpstreamAnswerBytes a(String owner, String address) throws WireFormatException {
    header(owner, RecordType.A);
    byte[] bytes = addressBytes(address);
    out.u16(bytes.length).bytes(bytes);
    return this;
  }

  /** The message so far, with ANCOUNT set. */
  byte[] bytes() {
    byte[] wire = out.toByteArray();
    wire[6] = (byte) (answers >>> 8);
    wire[7] = (byte) answers;
    return wire;
  }

  private UpstreamAnswerBytes alias(String owner, int type, String target, boolean compress)
      throws WireFormatException {
    header(owner, type);
    int lengthAt = out.position();
    out.u16(0);
    if (compress) {
      out.name(Name.of(target));
    } else {
      out.uncompressedName(Name.of(target));
    }
    out.u16At(lengthAt, out.position() - lengthAt - 2);
    return this;
  }

  private void header(String owner, int type) throws WireFormatException {
    out.name(Name.of(owner)).u16(type).u16(RecordType.CLASS_IN).u32(300);
    answers++;
  }

  private static byte[] addressBytes(String literal) {
    try {
      return InetAddress.getByName(literal).getAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalArgumentException("not an address literal: " + literal, e);
    }
  }
}
