package org.classgate.dns.wire;

/**
 * Resource record type codes (IANA "Resource Record (RR) TYPEs") that ClassGate handles by name.
 */
public final class RecordType {
  public static final int A = 1;
  public static final int NS = 2;
  public static final int CNAME = 5;
  public static final int SOA = 6;
  public static final int PTR = 12;
  public static final int HINFO = 13;
  public static final int MX = 15;
  public static final int TXT = 16;
  public static final int AAAA = 28;
  public static final int SRV = 33;
  public static final int DNAME = 39;
  public static final int OPT = 41;
  public static final int SVCB = 64;
  public static final int HTTPS = 65;
  public static final int AXFR = 252;
  public static final int IXFR = 251;
  public static final int ANY = 255;

  /** Class IN (RFC 1035 §3.2.4). */
  public static final int CLASS_IN = 1;

  private RecordType() {}

  /** Mnemonic for logs and the console, or {@code TYPE<n>} (RFC 3597 §5) for the rest. */
  public static String name(int type) {
    return switch (type) {
      case A -> "A";
      case NS -> "NS";
      case CNAME -> "CNAME";
      case SOA -> "SOA";
      case PTR -> "PTR";
      case HINFO -> "HINFO";
      case MX -> "MX";
      case TXT -> "TXT";
      case AAAA -> "AAAA";
      case SRV -> "SRV";
      case DNAME -> "DNAME";
      case OPT -> "OPT";
      case SVCB -> "SVCB";
      case HTTPS -> "HTTPS";
      case AXFR -> "AXFR";
      case IXFR -> "IXFR";
      case ANY -> "ANY";
      default -> "TYPE" + type;
    };
  }
}
