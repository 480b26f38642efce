package org.classgate.dns.wire;

/** Bits of the 16-bit header flags word (RFC 1035 §4.1.1, RFC 4035 §3.2 for AD and CD). */
public final class Flags {
  public static final int QR = 0x8000;
  public static final int AA = 0x0400;
  public static final int TC = 0x0200;
  public static final int RD = 0x0100;
  public static final int RA = 0x0080;
  public static final int AD = 0x0020;
  public static final int CD = 0x0010;

  private static final int OPCODE_SHIFT = 11;
  private static final int OPCODE_MASK = 0xF;
  private static final int RCODE_MASK = 0xF;

  /** Opcode QUERY, the only one ClassGate answers (others get NOTIMP). */
  public static final int OPCODE_QUERY = 0;

  private Flags() {}

  public static int opcode(int flags) {
    return (flags >>> OPCODE_SHIFT) & OPCODE_MASK;
  }

  /** The low four bits of the response code carried in the header. */
  public static int headerRcode(int flags) {
    return flags & RCODE_MASK;
  }

  public static int withHeaderRcode(int flags, int rcode) {
    return (flags & ~RCODE_MASK) | (rcode & RCODE_MASK);
  }

  public static boolean isSet(int flags, int bit) {
    return (flags & bit) != 0;
  }
}
