package org.classgate.dns.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * A parsed DNS message: header, at most one question, the three record sections and the EDNS(0) OPT
 * record taken out of the additional section. Immutable; build variants with the {@code with}
 * methods.
 *
 * @param question null only for a message with QDCOUNT 0
 * @param edns null when the message carries no OPT record
 */
public record Message(
    int id,
    int flags,
    Question question,
    List<ResourceRecord> answers,
    List<ResourceRecord> authority,
    List<ResourceRecord> additional,
    Edns edns) {
  public static final int HEADER_LENGTH = 12;

  /** A message without EDNS is limited to 512 octets over UDP (RFC 1035 §4.2.1). */
  public static final int CLASSIC_UDP_LIMIT = 512;

  public Message {
    answers = List.copyOf(answers);
    authority = List.copyOf(authority);
    additional = List.copyOf(additional);
  }

  /**
   * Parses and validates a whole message. Rejects: a short header, more than one question, counts
   * that run past the data, trailing garbage, more than one OPT record or an OPT record not owned
   * by the root (RFC 6891 §6.1.1).
   */
  public static Message parse(byte[] buf, int offset, int length) throws WireFormatException {
    DnsReader in = new DnsReader(buf, offset, length);
    if (length < HEADER_LENGTH) {
      throw new WireFormatException("message of " + length + " octets is shorter than a header");
    }
    int id = in.u16();
    int flags = in.u16();
    int qdCount = in.u16();
    int anCount = in.u16();
    int nsCount = in.u16();
    int arCount = in.u16();
    if (qdCount > 1) {
      throw new WireFormatException("QDCOUNT " + qdCount + ": only one question is supported");
    }
    Question question = null;
    if (qdCount == 1) {
      question = new Question(in.name(), in.u16(), in.u16());
    }
    List<ResourceRecord> answers = readSection(in, anCount, "answer");
    List<ResourceRecord> authority = readSection(in, nsCount, "authority");
    List<ResourceRecord> additional = readSection(in, arCount, "additional");
    if (in.remaining() != 0) {
      throw new WireFormatException(in.remaining() + " octets of trailing data after the records");
    }
    Edns edns = null;
    for (int i = 0; i < additional.size(); i++) {
      ResourceRecord record = additional.get(i);
      if (record.type() != RecordType.OPT) {
        continue;
      }
      if (edns != null) {
        throw new WireFormatException("more than one OPT record");
      }
      if (record.name().labelCount() != 0) {
        throw new WireFormatException("OPT record not owned by the root name");
      }
      edns = Edns.fromRecord(record.dnsClass(), record.ttl(), record.rdata());
      List<ResourceRecord> rest = new ArrayList<>(additional);
      rest.remove(i);
      additional = rest;
      i--;
    }
    return new Message(id, flags, question, answers, authority, additional, edns);
  }

  public static Message parse(byte[] message) throws WireFormatException {
    return parse(message, 0, message.length);
  }

  private static List<ResourceRecord> readSection(DnsReader in, int count, String section)
      throws WireFormatException {
    // Each record needs at least 11 octets: never trust the count to size an allocation.
    if (count > in.remaining() / 11) {
      throw new WireFormatException(
          section + " count " + count + " cannot fit in the " + in.remaining() + " octets left");
    }
    List<ResourceRecord> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Name name = in.name();
      int type = in.u16();
      int dnsClass = in.u16();
      long ttl = in.u32();
      int rdLength = in.u16();
      byte[] rdata = Rdata.read(in, type, rdLength);
      records.add(new ResourceRecord(name, type, dnsClass, ttl, rdata));
    }
    return records;
  }

  public boolean isResponse() {
    return Flags.isSet(flags, Flags.QR);
  }

  public boolean isTruncated() {
    return Flags.isSet(flags, Flags.TC);
  }

  public int opcode() {
    return Flags.opcode(flags);
  }

  /** The full response code, including EDNS extended bits (RFC 6891 §6.1.3). */
  public int rcode() {
    int high = edns == null ? 0 : edns.extendedRcode();
    return (high << 4) | Flags.headerRcode(flags);
  }

  /** The largest UDP answer the sender of this query accepts. */
  public int maxUdpPayload() {
    return edns == null ? CLASSIC_UDP_LIMIT : edns.effectivePayload();
  }

  public Message withId(int newId) {
    return new Message(newId, flags, question, answers, authority, additional, edns);
  }

  public Message withFlags(int newFlags) {
    return new Message(id, newFlags, question, answers, authority, additional, edns);
  }

  public Message withEdns(Edns newEdns) {
    return new Message(id, flags, question, answers, authority, additional, newEdns);
  }

  /** Serialises without a size limit (TCP, or tests). */
  public byte[] toWire() throws WireFormatException {
    return write(true);
  }

  /**
   * Serialises for a transport that carries at most {@code maxSize} octets. If the full message
   * does not fit, answers with TC set and only the header, question and OPT record (RFC 2181 §9:
   * the client retries over TCP); if even that does not fit, the OPT record loses its options.
   *
   * @param maxSize at least {@link #CLASSIC_UDP_LIMIT}, which every truncated form fits in
   */
  public byte[] toWire(int maxSize) throws WireFormatException {
    byte[] full = write(true);
    if (full.length <= maxSize) {
      return full;
    }
    Message truncated = withFlags(flags | Flags.TC);
    byte[] shortened = truncated.write(false);
    if (shortened.length <= maxSize || edns == null) {
      return shortened;
    }
    // Options (cookies, padding, NSID ...) are per-hop control data (RFC 6891 §6.1.1) and can be
    // thousands of octets: the TC bit alone tells the client to retry over TCP, so drop them
    // rather than send more than the client can receive.
    Edns bare =
        new Edns(
            edns.udpPayloadSize(),
            edns.extendedRcode(),
            edns.version(),
            edns.dnssecOk(),
            new byte[0]);
    return truncated.withEdns(bare).write(false);
  }

  private byte[] write(boolean withRecords) throws WireFormatException {
    DnsWriter out = new DnsWriter();
    out.u16(id).u16(flags);
    out.u16(question == null ? 0 : 1);
    out.u16(withRecords ? answers.size() : 0);
    out.u16(withRecords ? authority.size() : 0);
    int additionalCount = (withRecords ? additional.size() : 0) + (edns == null ? 0 : 1);
    out.u16(additionalCount);
    if (question != null) {
      out.name(question.name()).u16(question.type()).u16(question.dnsClass());
    }
    if (withRecords) {
      writeSection(out, answers);
      writeSection(out, authority);
      writeSection(out, additional);
    }
    if (edns != null) {
      out.u8(0).u16(RecordType.OPT).u16(edns.udpPayloadSize());
      out.u32(Integer.toUnsignedLong(edns.ttlField()));
      out.u16(edns.options().length).bytes(edns.options());
    }
    return out.toByteArray();
  }

  private static void writeSection(DnsWriter out, List<ResourceRecord> records)
      throws WireFormatException {
    for (ResourceRecord record : records) {
      out.name(record.name()).u16(record.type()).u16(record.dnsClass()).u32(record.ttl());
      out.u16(record.rdata().length).bytes(record.rdata());
    }
  }
}
