package org.classgate.dns.wire;

/**
 * One resource record with its RDATA held opaquely (RFC 3597). For the well-known types whose RDATA
 * may carry compressed names, {@link Message#parse} stores the RDATA with those names expanded, so
 * a record can be written into another message safely. Immutable; {@code rdata} is not copied and
 * must not be changed.
 */
public record ResourceRecord(Name name, int type, int dnsClass, long ttl, byte[] rdata) {
  public ResourceRecord {
    if (name == null || rdata == null) {
      throw new IllegalArgumentException("record name and rdata are required");
    }
    if (rdata.length > 0xFFFF) {
      throw new IllegalArgumentException("rdata longer than 65535 octets");
    }
  }

  @Override
  public String toString() {
    return name + " " + ttl + " " + RecordType.name(type) + " (" + rdata.length + " octets)";
  }
}
