package org.classgate.dns.wire;

/**
 * Reads RDATA. Types whose RDATA may hold compressed names (the RFC 1035 types, and those RFC 3597
 * §4 asks receivers to decompress) come back with the names expanded, so the bytes stay valid when
 * copied into another message. Every other type is kept opaque, byte for byte.
 */
final class Rdata {
  private Rdata() {}

  /** How a type's RDATA is laid out around its embedded names. */
  private enum Layout {
    /** One name: NS, MD, MF, CNAME, MB, MG, MR, PTR, DNAME. */
    NAME,
    /** Two names then 20 octets of counters: SOA. */
    SOA,
    /** Two names: MINFO, RP. */
    TWO_NAMES,
    /** A 16-bit preference then a name: MX, AFSDB, RT, KX. */
    PREFERENCE_NAME,
    /** A 16-bit preference then two names: PX. */
    PREFERENCE_TWO_NAMES,
    /** Priority, weight, port, then a name: SRV. */
    SRV,
    /** Order, preference, three character-strings, then a name: NAPTR. */
    NAPTR,
    OPAQUE
  }

  private static Layout layoutOf(int type) {
    return switch (type) {
      case 2, 3, 4, 5, 7, 8, 9, 12, 39 -> Layout.NAME;
      case 6 -> Layout.SOA;
      case 14, 17 -> Layout.TWO_NAMES;
      case 15, 18, 21, 36 -> Layout.PREFERENCE_NAME;
      case 26 -> Layout.PREFERENCE_TWO_NAMES;
      case 33 -> Layout.SRV;
      case 35 -> Layout.NAPTR;
      default -> Layout.OPAQUE;
    };
  }

  static byte[] read(DnsReader in, int type, int rdLength) throws WireFormatException {
    if (rdLength > in.remaining()) {
      throw new WireFormatException(
          "RDLENGTH "
              + rdLength
              + " at offset "
              + in.position()
              + " exceeds the "
              + in.remaining()
              + " octets left");
    }
    Layout layout = layoutOf(type);
    if (layout == Layout.OPAQUE) {
      return in.bytes(rdLength);
    }
    int startPosition = in.position();
    int endPosition = startPosition + rdLength;
    DnsWriter out = new DnsWriter(rdLength + 32);
    switch (layout) {
      case NAME -> out.uncompressedName(in.name());
      case SOA -> {
        out.uncompressedName(in.name()).uncompressedName(in.name());
        out.bytes(in.bytes(20));
      }
      case TWO_NAMES -> out.uncompressedName(in.name()).uncompressedName(in.name());
      case PREFERENCE_NAME -> out.u16(in.u16()).uncompressedName(in.name());
      case PREFERENCE_TWO_NAMES ->
          out.u16(in.u16()).uncompressedName(in.name()).uncompressedName(in.name());
      case SRV -> out.u16(in.u16()).u16(in.u16()).u16(in.u16()).uncompressedName(in.name());
      case NAPTR -> {
        out.u16(in.u16()).u16(in.u16());
        for (int i = 0; i < 3; i++) {
          int length = in.u8();
          out.u8(length).bytes(in.bytes(length));
        }
        out.uncompressedName(in.name());
      }
      default -> throw new IllegalStateException("unhandled layout " + layout);
    }
    if (in.position() != endPosition) {
      throw new WireFormatException(
          RecordType.name(type)
              + " RDATA at offset "
              + startPosition
              + " is "
              + rdLength
              + " octets but its fields take "
              + (in.position() - startPosition));
    }
    return out.toByteArray();
  }
}
