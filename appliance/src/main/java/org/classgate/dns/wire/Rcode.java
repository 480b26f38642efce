package org.classgate.dns.wire;

/** Response codes (RFC 1035 §4.1.1, RFC 6891 §6.1.3 for the extended bits). */
public final class Rcode {
  public static final int NOERROR = 0;
  public static final int FORMERR = 1;
  public static final int SERVFAIL = 2;
  public static final int NXDOMAIN = 3;
  public static final int NOTIMP = 4;
  public static final int REFUSED = 5;

  /** Extended code (needs EDNS): the OPT record's version is not supported. */
  public static final int BADVERS = 16;

  private Rcode() {}

  public static String name(int rcode) {
    return switch (rcode) {
      case NOERROR -> "NOERROR";
      case FORMERR -> "FORMERR";
      case SERVFAIL -> "SERVFAIL";
      case NXDOMAIN -> "NXDOMAIN";
      case NOTIMP -> "NOTIMP";
      case REFUSED -> "REFUSED";
      case BADVERS -> "BADVERS";
      default -> "RCODE" + rcode;
    };
  }
}
